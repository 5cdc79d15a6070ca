package dev.herd.engine.protocol.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.run.Run;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.testing.TimingSensitive;
import dev.herd.broker.TargetStats;
import dev.herd.broker.testing.TargetFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A script protocol on real connections against herd's reference target, which relays each text frame a client sends
 * to the others on its topic. Every connection says hello once upgraded and beats every 300 ms; whoever hears a hello
 * answers it with a welcome (relayed in turn), and hellos, welcomes and beats are the protocol's own: none reaches the
 * stamp scan. Publishes are wrapped in a JSON envelope with their length, and each one arrives once at each of its
 * topic's subscribers.
 */
@ExtendWith(TimingSensitive.class)
class ScriptProtocolEndToEndTest {

    private static final int SUBSCRIBERS = 40;
    private static final int TOPICS = 2;
    private static final int PUBLISHED = 200;

    private static final Script SCRIPT = Script.builder("relay-chat")
            .connect(ScriptStep.send("{\"type\":\"hello\",\"client\":{{client}}}"))
            .publish("{\"type\":\"msg\",\"len\":{{length}},\"data\":\"{{payload}}\"}")
            .on("\"type\":\"hello\"", "{\"type\":\"welcome\",\"topic\":\"{{topic}}\"}")
            .ignore("\"type\":\"welcome\"")
            .ignore("\"type\":\"beat\"")
            .every(Duration.ofMillis(300), "{\"type\":\"beat\"}")
            .build();

    @Test
    void everyPublishArrivesOnceAndNoFrameOfTheProtocolIsCountedAsAMessage() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            RunResult r = run(target.port());
            TargetStats stats = target.stats();

            assertThat(r.target().wireProtocol()).isEqualTo("relay-chat");
            assertThat(r.connections().established()).isEqualTo(SUBSCRIBERS);
            assertThat(r.connections().subscriptions().acknowledged()).isEqualTo(SUBSCRIBERS);
            assertThat(r.connect().get("subscribe").count()).isEqualTo(SUBSCRIBERS);
            assertThat(r.messages().published()).isEqualTo(PUBLISHED);
            assertThat(r.messages().expected()).isEqualTo((long) PUBLISHED * SUBSCRIBERS / TOPICS);
            assertThat(r.messages().received()).isEqualTo(r.messages().expected());
            assertThat(r.messages().lost()).isZero();
            assertThat(r.messages().unstamped()).isZero();
            // Besides the publishes, the target heard a hello and at least three beats from each subscriber (each is
            // connected for the 2 s of publishing at least), and the welcomes answering them.
            assertThat(stats.messages().in()).isGreaterThanOrEqualTo(PUBLISHED + SUBSCRIBERS * 4L);
        }
    }

    private static RunResult run(int port) {
        ClientOptions client = ClientOptions.defaults().withReconnect(ReconnectPolicy.none())
                .withProtocol(ScriptProtocol.of(SCRIPT));
        client = new ClientOptions(client.headers(), client.subprotocols(), false, false, null,
                Duration.ofSeconds(2), client.reconnect(), client.maxFrameBytes(), true, 1, List.of(),
                client.receiveBudgetBytes(), client.protocol(), null);
        Scenario scenario = new Scenario("broadcast", TargetUrl.parse("ws://127.0.0.1:" + port + "/ws/{topic}"), null,
                SUBSCRIBERS, TOPICS, "topic-", client, MessageSpec.defaults(),
                List.of(new Stage.Connect(Duration.ofMillis(300), false, 0),
                        new Stage.Publish(100, Duration.ofSeconds(2), Duration.ofSeconds(2))), 2);
        return new Run(scenario, List.of()).execute();
    }
}
