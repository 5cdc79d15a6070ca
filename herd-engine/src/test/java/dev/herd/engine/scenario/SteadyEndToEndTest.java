package dev.herd.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.steady.SteadySection;
import dev.herd.engine.scenario.steady.SteadyStage;
import dev.herd.engine.scenario.steady.SteadyWindow;
import dev.herd.engine.testing.Scenarios;
import dev.herd.engine.testing.TimingSensitive;
import dev.herd.broker.testing.TargetFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TimingSensitive.class)
class SteadyEndToEndTest {

    /**
     * Does {@code action} once, {@code after} the first message of the stage that follows this one was received,
     * on the run's control thread (a tick of that stage's waits): tied to the publishing's start, not to the
     * previous stage's end. Between the two the publishers connect, which on a busy machine took more than half a
     * second and moved the action into the first window.
     */
    private record AfterFirstMessage(Duration after, Runnable action) implements Stage {
        @Override
        public String name() {
            return "arm";
        }

        @Override
        public void execute(StageContext ctx) {
            long[] due = {Long.MAX_VALUE};
            boolean[] done = {false};
            ctx.duringWaits(() -> {
                long now = System.nanoTime();
                if (due[0] == Long.MAX_VALUE && ctx.counter(CounterId.RECEIVED_STAMPS) > 0) {
                    due[0] = now + after.toNanos();
                }
                if (!done[0] && now >= due[0]) {
                    done[0] = true;
                    action.run();
                }
            });
        }
    }

    @Test
    void windowsShowLatencyAndDropsOverTimeAndTheReferenceTargetsStatsAreKept() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            SteadyStage steady = new SteadyStage(20, Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(2));
            // SSE subscribers with HTTP publishing: the target's drop fault then hits subscribers only.
            // The drop comes 1.5 s after the first message arrived (which is at most a few milliseconds after the
            // publishing started on a quiet machine, later on a busy one): never inside the first window, whatever
            // the machine's speed.
            var scenario = Scenarios.scenario("steady", Scenarios.sse(target), Scenarios.pub(target), 60, 3,
                    ReconnectPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 0),
                    List.of(new Stage.Connect(Duration.ofMillis(300), false, 0),
                            new AfterFirstMessage(Duration.ofMillis(1500), () -> target.admin("/admin/drop?fraction=0.5")),
                            steady));
            RunResult r = Scenarios.run(scenario);

            SteadySection section = (SteadySection) r.sections().get("steady");
            assertThat(section.windowMs()).isEqualTo(1000);
            assertThat(section.windows()).hasSize(4);
            assertThat(section.windows()).allMatch(w -> w.latency().count() > 0);
            assertThat(section.dropsTotal()).isEqualTo(30);
            assertThat(section.windows().stream().mapToLong(SteadyWindow::drops).sum()).isEqualTo(30);
            assertThat(section.windows().get(0).drops()).isZero();
            assertThat(section.p99Stability()).isGreaterThanOrEqualTo(1.0);
            assertThat(section.targetStats()).isNotNull();
            assertThat(section.targetStats().json()).contains("\"slow_policy\"");
            // SSE clients wait for the target's retry (1 s) before coming back.
            assertThat(r.connections().reconnects()).isEqualTo(30);
            assertThat(r.connections().closedByServer() + r.connections().closedByError()).isEqualTo(30);
        }
    }
}
