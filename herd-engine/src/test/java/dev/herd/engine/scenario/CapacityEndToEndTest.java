package dev.herd.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.capacity.CapacitySection;
import dev.herd.engine.scenario.capacity.CapacityStage;
import dev.herd.engine.scenario.capacity.CapacityStep;
import dev.herd.engine.testing.Scenarios;
import dev.herd.engine.testing.TimingSensitive;
import dev.herd.broker.testing.TargetFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TimingSensitive.class)
class CapacityEndToEndTest {

    @Test
    void aTargetLimitedTo500ConnectionsIsFoundToHold500AndTheRefusalsAreNamed() {
        try (TargetFixture target = TargetFixture.start(b -> b.maxConnections(500))) {
            CapacityStage search = new CapacityStage(100, Duration.ofMillis(300), Duration.ofMillis(200), null, 0.01,
                    2000, false);
            RunResult r = Scenarios.run(Scenarios.scenario("capacity", Scenarios.ws(target), null, 0, 4,
                    ReconnectPolicy.none(), List.of(search)));

            CapacitySection capacity = (CapacitySection) r.sections().get("capacity");
            assertThat(capacity.maxConnections()).isEqualTo(500);
            assertThat(capacity.stopReason()).isEqualTo("error_rate");
            assertThat(capacity.firstFailure().mode()).isEqualTo("http_503");
            assertThat(capacity.firstFailure().count()).isEqualTo(100);
            assertThat(capacity.steps()).hasSize(6);
            assertThat(capacity.steps().subList(0, 5)).allMatch(CapacityStep::passed);
            assertThat(capacity.steps().get(5).passed()).isFalse();
            assertThat(capacity.steps().get(4).open()).isEqualTo(500);
            assertThat(capacity.steps().get(5).errorRate()).isEqualTo(1.0);
        }
    }

    @Test
    void withoutAFailureTheSearchStopsAtItsLimit() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            CapacityStage search = new CapacityStage(50, Duration.ofMillis(200), Duration.ofMillis(100),
                    Duration.ofSeconds(5), 0.01, 150, false);
            RunResult r = Scenarios.run(Scenarios.scenario("capacity", Scenarios.ws(target), null, 0, 2,
                    ReconnectPolicy.none(), List.of(search)));

            CapacitySection capacity = (CapacitySection) r.sections().get("capacity");
            assertThat(capacity.maxConnections()).isEqualTo(150);
            assertThat(capacity.stopReason()).isEqualTo("limit");
            assertThat(capacity.firstFailure()).isNull();
            assertThat(capacity.steps()).hasSize(3).allMatch(CapacityStep::passed);
        }
    }
}
