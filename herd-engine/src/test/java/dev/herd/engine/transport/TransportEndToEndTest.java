package dev.herd.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herd.broker.testing.TargetFixture;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionEvents;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.run.Run;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.testing.Scenarios;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A broadcast over each transport delivers everything, on channels of that transport. */
class TransportEndToEndTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBroadcastOverEachTransportDeliversEveryMessage(Transport transport) throws Exception {
        assumeTrue(transport != Transport.EPOLL || Epoll.isAvailable(), "epoll does not load here");
        assumeTrue(transport != Transport.IO_URING || IoUring.isAvailable(), "io_uring does not load here");
        Set<String> channelClasses = ConcurrentHashMap.newKeySet();
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            Scenario base = Scenarios.scenario("broadcast", Scenarios.ws(target), null, 20, 2, ReconnectPolicy.none(),
                    List.of(new Stage.Connect(Duration.ofMillis(300), false, 0),
                            new Stage.Publish(40, Duration.ofSeconds(1), Duration.ofSeconds(2))));
            Scenario scenario = new Scenario(base.name(), base.url(), base.publishUrl(), base.subscribers(),
                    base.topics(), base.topicPrefix(), base.client(), base.message(), base.stages(), base.eventLoops(),
                    0, 1, base.redaction(), null, transport);
            RunResult r = new Run(scenario, List.of()).sessionEvents(new SessionEvents() {
                @Override
                public void onOpen(ClientSession session, boolean reopened, long nowNanos) {
                    channelClasses.add(session.openChannel().getClass().getSimpleName());
                }
            }).execute();

            assertThat(r.connections().established()).isEqualTo(20);
            assertThat(r.messages().expected()).isPositive();
            assertThat(r.messages().received()).isEqualTo(r.messages().expected());
            assertThat(r.messages().lost()).isZero();
        }
        // The transport's own channel class, named here apart from the code under test.
        String expected = switch (transport) {
            case EPOLL -> "EpollSocketChannel";
            case IO_URING -> "IoUringSocketChannel";
            case NIO -> "NioSocketChannel";
        };
        assertThat(channelClasses).containsExactly(expected);
    }

    @Test
    void namesReadAsTheCommandLineWritesThem() {
        assertThat(Transport.of("io_uring")).isEqualTo(Transport.IO_URING);
        assertThat(Transport.of("EPOLL")).isEqualTo(Transport.EPOLL);
        assertThat(Transport.of("nio")).isEqualTo(Transport.NIO);
        assertThatThrownBy(() -> Transport.of("kqueue")).hasMessage("unknown transport 'kqueue': epoll, io_uring or nio");
    }

    @Test
    void aTransportThatLoadsIsKeptAndNioAlwaysIs() {
        assertThat(Transport.select(Transport.NIO)).isEqualTo(Transport.NIO);
        assertThat(Transport.select(Transport.IO_URING))
                .isEqualTo(IoUring.isAvailable() ? Transport.IO_URING : Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO);
    }
}
