package dev.herd.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.ClientRole;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.run.Run;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.testing.TimingSensitive;
import dev.herd.broker.testing.TargetFixture;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A protocol stage plugged into real connections against the reference target: the subscribe phase opens a
 * connection only once the stage says so, its data messages reach the stamp scan, its publishes go out through the
 * stage, and a refusal or a silence is counted under the subscribe phase.
 */
@ExtendWith(TimingSensitive.class)
class ProtocolStageEndToEndTest {

    private static final int SUBSCRIBERS = 40;
    private static final int TOPICS = 2;

    /** What the test protocol does once upgraded. */
    private enum Answer { ACKNOWLEDGE, REFUSE, NOTHING }

    @Test
    void aSubscriptionAcknowledgedOpensTheConnectionAndEveryMessageGoesThroughTheStage() {
        RunResult r = run(Answer.ACKNOWLEDGE);
        assertThat(r.connections().established()).isEqualTo(SUBSCRIBERS);
        assertThat(r.connect().get("subscribe").count()).isEqualTo(SUBSCRIBERS);
        assertThat(r.connect().get("subscribe").min()).isGreaterThanOrEqualTo(10.0);
        assertThat(r.connections().subscriptions().acknowledged()).isEqualTo(SUBSCRIBERS);
        assertThat(r.connections().subscriptions().notAcknowledged()).isZero();
        assertThat(r.messages().published()).isEqualTo(200);
        assertThat(r.messages().expected()).isEqualTo(200L * SUBSCRIBERS / TOPICS);
        assertThat(r.messages().received()).isEqualTo(r.messages().expected());
        assertThat(r.messages().lost()).isZero();
        assertThat(r.messages().unstamped()).isZero();
        assertThat(r.target().wireProtocol()).isEqualTo("test");
    }

    @Test
    void aRefusedSubscriptionIsAFailureOfTheSubscribePhaseAndExpectsNoMessages() {
        RunResult r = run(Answer.REFUSE);
        assertThat(r.connections().established()).isZero();
        assertThat(r.connections().failedByPhase().get("subscribe")).containsEntry("subscribe_rejected",
                (long) SUBSCRIBERS);
        assertThat(r.connections().subscriptions().notAcknowledged()).isEqualTo(SUBSCRIBERS);
        assertThat(r.messages().expected()).isZero();
        assertThat(r.messages().lost()).isZero();
    }

    @Test
    void aSubscriptionNeverAnsweredTimesOutInTheSubscribePhase() {
        RunResult r = run(Answer.NOTHING);
        assertThat(r.connections().failedByPhase().get("subscribe")).containsEntry("subscribe_timeout",
                (long) SUBSCRIBERS);
        assertThat(r.messages().lost()).isZero();
    }

    private static RunResult run(Answer answer) {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            ClientOptions client = ClientOptions.defaults().withReconnect(ReconnectPolicy.none())
                    .withProtocol(new TestProtocol(answer));
            client = new ClientOptions(client.headers(), client.subprotocols(), false, false, null,
                    Duration.ofSeconds(2), client.reconnect(), client.maxFrameBytes(), true, 1, List.of(),
                    client.receiveBudgetBytes(), client.protocol(), null);
            Scenario scenario = new Scenario("broadcast", TargetUrl.parse("ws://127.0.0.1:" + target.port()
                    + "/ws/{topic}"), null, SUBSCRIBERS, TOPICS, "topic-", client, MessageSpec.defaults(),
                    List.of(new Stage.Connect(Duration.ofMillis(300), false, 0),
                            new Stage.Publish(100, Duration.ofSeconds(2), Duration.ofSeconds(2))), 2);
            return new Run(scenario, List.of()).execute();
        }
    }

    /** Acknowledges (or refuses, or ignores) 10 ms after the upgrade; messages and publishes pass as they are. */
    private record TestProtocol(Answer answer) implements WireProtocol {

        @Override
        public String name() {
            return "test";
        }

        @Override
        public List<String> subprotocols() {
            return List.of();
        }

        @Override
        public boolean subscribes() {
            return true;
        }

        @Override
        public Set<String> placeholders() {
            return Set.of();
        }

        @Override
        public ProtocolStage newStage(ProtocolSession session) {
            return new ProtocolStage(session) {
                @Override
                protected void started(ChannelHandlerContext ctx) {
                    // Publishers are always acknowledged: only subscribers are under test here.
                    Answer a = session.role() == ClientRole.PUBLISHER ? Answer.ACKNOWLEDGE : answer;
                    ctx.executor().schedule(() -> {
                        if (a == Answer.ACKNOWLEDGE) {
                            session.subscribed();
                        } else if (a == Answer.REFUSE) {
                            session.rejected("refused by the test");
                        }
                    }, 10, TimeUnit.MILLISECONDS);
                }

                @Override
                protected void received(ChannelHandlerContext ctx, ByteBuf content, boolean text) {
                    session.deliver(content, content.readerIndex(), content.readableBytes());
                }

                @Override
                protected void publish(ChannelHandlerContext ctx, ByteBuf payload, ChannelPromise promise) {
                    writePublish(ctx, payload, true, promise);
                }
            };
        }
    }
}
