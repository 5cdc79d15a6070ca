package dev.herd.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.broker.testing.TargetFixture;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.run.RunNotCarriedOutException;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.StartAtStage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code --start-at}: connect at once, measure from the instant; a slice too late to make it fails. */
class StartAtTest {

    @Test
    void theStartInstantStandsBetweenConnectingAndTheMeasuredPhase() {
        Instant at = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(Herd.broadcast().url("ws://127.0.0.1:8080/ws/{topic}").startAt(at).build().stages())
                .extracting(Stage::name).containsExactly("connect", "start-at", "publish");
        assertThat(Herd.connectStorm().url("ws://127.0.0.1:8080/ws/{topic}").startAt(at).build().stages().get(0))
                .isEqualTo(new StartAtStage(at, ScenarioBuilder.DEFAULT_START_TOLERANCE));
    }

    @Test
    void aSliceThatConnectsInTimeBeginsAtTheInstantAndRecordsHowLate() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            Instant at = Instant.now().plusMillis(2500);
            RunResult r = Herd.broadcast().url("ws://127.0.0.1:" + target.port() + "/ws/{topic}").subscribers(10)
                    .rate(20).duration(Duration.ofMillis(500)).connectWithin(Duration.ofMillis(100)).loops(1)
                    .startAt(at).startTolerance(Duration.ofSeconds(1)).slice(0, 1).run();

            assertThat(r.sections().get("start_at")).isEqualTo(at.toString());
            assertThat((double) r.sections().get("start_skew_ms")).isBetween(-1.0, 1000.0);
            assertThat(r.sections().get("slice")).isEqualTo("0/1");
            assertThat(r.messages().received()).isEqualTo(r.messages().expected()).isPositive();
        }
    }

    @Test
    void aSliceThatGetsThereTooLateStopsSayingByHowMuch() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            Instant past = Instant.now().minusSeconds(5);
            assertThatThrownBy(() -> Herd.broadcast().url("ws://127.0.0.1:" + target.port() + "/ws/{topic}")
                    .subscribers(2).rate(10).duration(Duration.ofMillis(200)).loops(1).startAt(past)
                    .startTolerance(Duration.ofSeconds(1)).run())
                    .isInstanceOf(RunNotCarriedOutException.class)
                    .hasMessageContaining("ms after --start-at " + past)
                    .hasMessageContaining("beyond the tolerance of 1000 ms");
        }
    }
}
