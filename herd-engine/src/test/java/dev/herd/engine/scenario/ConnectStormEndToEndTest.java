package dev.herd.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.connectstorm.ConnectStormSection;
import dev.herd.engine.scenario.connectstorm.ConnectStormStage;
import dev.herd.engine.testing.Scenarios;
import dev.herd.engine.testing.TimingSensitive;
import dev.herd.broker.testing.TargetFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TimingSensitive.class)
class ConnectStormEndToEndTest {

    private static final Stage.Connect RAMP = new Stage.Connect(Duration.ofSeconds(1), false, 0);

    @Test
    void everyClientOfTheStormIsOpenAndEachPhaseCountsEveryConnection() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            RunResult r = Scenarios.run(Scenarios.scenario("connect-storm", Scenarios.ws(target), null, 300, 3,
                    ReconnectPolicy.none(), List.of(new ConnectStormStage(RAMP, Duration.ofMillis(500)))));

            ConnectStormSection storm = (ConnectStormSection) r.sections().get("connect_storm");
            assertThat(storm.clients()).isEqualTo(300);
            assertThat(storm.established()).isEqualTo(300);
            assertThat(storm.failed()).isZero();
            assertThat(storm.askedRate()).isEqualTo(300.0);
            assertThat(storm.achievedRate()).isPositive();
            assertThat(storm.lastOpenMs()).isNotNull().isPositive();
            assertThat(storm.openAfterHold()).isEqualTo(300);
            assertThat(storm.phases()).containsOnlyKeys("dns", "tcp", "upgrade", "total");
            storm.phases().values().forEach(p -> assertThat(p.count()).isEqualTo(300));
            assertThat(storm.openCurve()).isNotEmpty();
            assertThat(storm.openCurve().get(storm.openCurve().size() - 1).open()).isEqualTo(300);
            assertThat(r.connections().established()).isEqualTo(300);
            assertThat(r.connections().peakOpen()).isEqualTo(300);
        }
    }

    @Test
    void aTargetThatRefusesAboveItsLimitShowsTheRefusalsByPhaseAndReason() {
        try (TargetFixture target = TargetFixture.start(b -> b.maxConnections(100))) {
            RunResult r = Scenarios.run(Scenarios.scenario("connect-storm", Scenarios.ws(target), null, 150, 1,
                    ReconnectPolicy.none(), List.of(new ConnectStormStage(RAMP, Duration.ofMillis(200)))));

            ConnectStormSection storm = (ConnectStormSection) r.sections().get("connect_storm");
            assertThat(storm.established()).isEqualTo(100);
            assertThat(storm.failed()).isEqualTo(50);
            assertThat(r.connections().failedByReason()).containsEntry("http_503", 50L);
            assertThat(r.connections().failedByPhase().get("upgrade")).containsEntry("http_503", 50L);
        }
    }
}
