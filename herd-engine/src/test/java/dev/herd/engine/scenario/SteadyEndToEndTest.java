package dev.herd.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.steady.SteadySection;
import dev.herd.engine.scenario.steady.SteadyStage;
import dev.herd.engine.scenario.steady.SteadyWindow;
import dev.herd.engine.testing.Scenarios;
import dev.herd.engine.testing.TimingSensitive;
import dev.herd.target.testing.TargetFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TimingSensitive.class)
class SteadyEndToEndTest {

    @Test
    void windowsShowLatencyAndDropsOverTimeAndTheReferenceTargetsStatsAreKept() throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            SteadyStage steady = new SteadyStage(20, Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(2));
            // SSE subscribers with HTTP publishing: the target's drop fault then hits subscribers only.
            var scenario = Scenarios.scenario("steady", Scenarios.sse(target), Scenarios.pub(target), 60, 3,
                    ReconnectPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 0),
                    List.of(new Stage.Connect(Duration.ofMillis(300), false, 0), steady));
            Thread dropper = new Thread(() -> {
                try {
                    Thread.sleep(1800);
                    target.admin("/admin/drop?fraction=0.5");
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            dropper.start();
            RunResult r = Scenarios.run(scenario);
            dropper.join();

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
