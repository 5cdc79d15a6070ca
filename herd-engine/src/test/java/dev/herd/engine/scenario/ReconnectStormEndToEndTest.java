package dev.herd.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.reconnectstorm.Disruption;
import dev.herd.engine.scenario.reconnectstorm.DisruptionUnavailableException;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormSection;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormStage;
import dev.herd.engine.testing.Scenarios;
import dev.herd.engine.testing.TimingSensitive;
import dev.herd.broker.testing.TargetFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TimingSensitive.class)
class ReconnectStormEndToEndTest {

    private static final Stage.Connect RAMP = new Stage.Connect(Duration.ofMillis(500), false, 0);

    private static ReconnectStormStage storm(Disruption disruption, Duration observe) {
        return new ReconnectStormStage(RAMP, 40, disruption, Duration.ofMillis(500), observe, Duration.ofMillis(500),
                Duration.ofSeconds(3));
    }

    private static ReconnectStormSection section(RunResult r) {
        return (ReconnectStormSection) r.sections().get("reconnect_storm");
    }

    @Test
    void afterATargetRestartWithImmediateReconnectEveryClientIsOpenAgain() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            RunResult r = Scenarios.run(Scenarios.scenario("reconnect-storm", Scenarios.ws(target), null, 200, 2,
                    ReconnectPolicy.immediate(0),
                    List.of(storm(new Disruption.TargetRestart(Duration.ofSeconds(1)), Duration.ofSeconds(15)))));

            ReconnectStormSection s = section(r);
            assertThat(s.disruption().kind()).isEqualTo("target-restart");
            assertThat(s.disruption().error()).isNull();
            assertThat(s.disruption().detail()).contains("/admin/restart?down=1000ms").endsWith("-> 202");
            assertThat(s.policy()).isEqualTo("immediate");
            assertThat(s.openBefore()).isEqualTo(200);
            assertThat(s.lost()).isEqualTo(200);
            assertThat(s.notRecovered()).isZero();
            assertThat(s.timedOut()).isFalse();
            // Nobody can be back before the target listens again, a second after t0 at the earliest.
            assertThat(s.recovered_50Ms()).isNotNull().isGreaterThanOrEqualTo(1000.0);
            assertThat(s.recovered_100Ms()).isNotNull().isGreaterThanOrEqualTo(s.recovered_95Ms());
            assertThat(s.recovered_95Ms()).isGreaterThanOrEqualTo(s.recovered_50Ms());
            assertThat(s.attemptsPerClient().clients()).isEqualTo(200);
            assertThat(s.attemptsPerClient().max()).isGreaterThan(1);
            assertThat(s.attempts()).isGreaterThanOrEqualTo(s.attemptsPerClient().clients());
            assertThat(s.peakAttemptsPerSecond()).isPositive();
            assertThat(s.attemptsOverTime().stream().mapToLong(b -> b.attempts()).sum()).isEqualTo(s.attempts());
            assertThat(s.openCurve().get(0).open()).isEqualTo(200);
            assertThat(s.openCurve()).anySatisfy(p -> assertThat(p.open()).isZero());
            assertThat(r.connections().reconnects()).isEqualTo(200);
            assertThat(r.connections().closeCodes()).containsEntry("1012", 200L);
            assertThat(r.connections().openAtEnd()).isEqualTo(200);
        }
    }

    @Test
    void overSseWithReplayNoMessageIsLostAcrossARestart() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            RunResult r = Scenarios.run(Scenarios.scenario("reconnect-storm", Scenarios.sse(target),
                    Scenarios.pub(target), 100, 2,
                    ReconnectPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 0),
                    // The publisher goes through the same target: it is back soon after the short down time, while
                    // the subscribers wait for the target's SSE retry (1 s), so messages are published while they
                    // are away and can only reach them by replay.
                    List.of(storm(new Disruption.TargetRestart(Duration.ofMillis(300)), Duration.ofSeconds(15)))));

            ReconnectStormSection s = section(r);
            assertThat(s.lost()).isEqualTo(100);
            assertThat(s.notRecovered()).isZero();
            assertThat(r.messages().published()).isPositive();
            assertThat(r.messages().lost()).isZero();
            assertThat(r.messages().received()).isEqualTo(r.messages().expected());
            assertThat(s.messagesLost()).isZero();
            assertThat(s.lostPerClient().max()).isZero();
            assertThat(s.publishedDuringOutage()).isPositive();
            assertThat(s.messagesWhileAway()).isPositive();
            assertThat(s.messagesGotBack()).isEqualTo(s.messagesWhileAway());
            assertThat(s.clientsGotBack()).isEqualTo(100);
            assertThat(target.stats().messages().replayed()).isPositive();
        }
    }

    @Test
    void exponentialBackoffSpreadsTheAttemptsThatImmediateReconnectPilesUp() {
        ReconnectStormSection immediate = restartStorm(ReconnectPolicy.immediate(0));
        ReconnectStormSection exponential = restartStorm(
                ReconnectPolicy.exponential(Duration.ofMillis(200), Duration.ofSeconds(2), 0));

        assertThat(immediate.notRecovered()).isZero();
        assertThat(exponential.notRecovered()).isZero();
        assertThat(exponential.peakAttemptsPerSecond()).isLessThan(immediate.peakAttemptsPerSecond());
        assertThat(exponential.attemptsPerClient().p50()).isLessThan(immediate.attemptsPerClient().p50());
    }

    private static ReconnectStormSection restartStorm(ReconnectPolicy policy) {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            return section(Scenarios.run(Scenarios.scenario("reconnect-storm", Scenarios.ws(target), null, 300, 3,
                    policy, List.of(storm(new Disruption.TargetRestart(Duration.ofSeconds(1)), Duration.ofSeconds(20))))));
        }
    }

    @Test
    void aClientSideDropResetsEveryConnectionAndTheClientsComeBack() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            RunResult r = Scenarios.run(Scenarios.scenario("reconnect-storm", Scenarios.ws(target), null, 100, 2,
                    ReconnectPolicy.exponential(Duration.ofMillis(50), Duration.ofMillis(500), 0),
                    List.of(storm(new Disruption.ClientDrop(), Duration.ofSeconds(10)))));

            ReconnectStormSection s = section(r);
            assertThat(s.disruption().kind()).isEqualTo("client-drop");
            assertThat(s.lost()).isEqualTo(100);
            assertThat(s.notRecovered()).isZero();
            assertThat(s.recovered_100Ms()).isNotNull();
            assertThat(r.connections().closedByClient()).isGreaterThanOrEqualTo(100);
            assertThat(r.connections().reconnects()).isEqualTo(100);
        }
    }

    @Test
    void aCommandThatFailsIsRecordedWithItsExitStatusAndStderr() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            RunResult r = Scenarios.run(Scenarios.scenario("reconnect-storm", Scenarios.ws(target), null, 20, 1,
                    ReconnectPolicy.immediate(0), List.of(storm(new Disruption.Command(
                            "echo 'no such service' >&2; exit 3", Duration.ofSeconds(10)), Duration.ofMillis(500)))));

            ReconnectStormSection s = section(r);
            assertThat(s.disruption().kind()).isEqualTo("command");
            assertThat(s.disruption().exitStatus()).isEqualTo(3);
            assertThat(s.disruption().error()).isEqualTo("no such service");
            assertThat(s.lost()).isZero();
            assertThat(s.recovered_100Ms()).isNull();
            assertThat(s.timedOut()).isFalse();
        }
    }

    @Test
    void aCommandThatDisruptsTheTargetIsFollowedLikeAnyOther() {
        boolean curl = new java.io.File("/usr/bin/curl").canExecute() || new java.io.File("/bin/curl").canExecute();
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            String command = curl
                    ? "curl -fsS -X POST 'http://127.0.0.1:" + target.port() + "/admin/restart?down=300ms'"
                    : "sh -c 'exit 0'";
            RunResult r = Scenarios.run(Scenarios.scenario("reconnect-storm", Scenarios.ws(target), null, 50, 1,
                    ReconnectPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 0),
                    List.of(storm(new Disruption.Command(command, Duration.ofSeconds(10)), Duration.ofSeconds(10)))));

            ReconnectStormSection s = section(r);
            assertThat(s.disruption().exitStatus()).isZero();
            assertThat(s.disruption().error()).isNull();
            assertThat(s.disruption().detail()).isEqualTo(command);
            if (curl) {
                assertThat(s.lost()).isEqualTo(50);
                assertThat(s.notRecovered()).isZero();
                assertThat(r.connections().closeCodes()).containsEntry("1012", 50L);
            }
        }
    }

    @Test
    void aTargetRestartAgainstAnotherServerIsRefusedWithAdviceBeforeAnythingConnects() throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        other.start();
        try {
            String url = "ws://127.0.0.1:" + other.getAddress().getPort() + "/ws/{topic}";
            assertThatThrownBy(() -> Scenarios.run(Scenarios.scenario("reconnect-storm", url, null, 10, 1,
                    ReconnectPolicy.immediate(0),
                    List.of(storm(new Disruption.TargetRestart(Duration.ofSeconds(1)), Duration.ofSeconds(5))))))
                    .isInstanceOf(DisruptionUnavailableException.class)
                    .hasMessageContaining("/stats answered 404")
                    .hasMessageContaining("--disrupt-cmd")
                    .hasMessageContaining("--disrupt client-drop");
        } finally {
            other.stop(0);
        }
    }
}
