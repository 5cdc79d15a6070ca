package dev.herd.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.fanout.FanoutPoint;
import dev.herd.engine.scenario.fanout.FanoutSection;
import dev.herd.engine.scenario.fanout.FanoutSweepStage;
import dev.herd.engine.testing.Scenarios;
import dev.herd.engine.testing.TimingSensitive;
import dev.herd.broker.testing.TargetFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TimingSensitive.class)
class FanoutSweepEndToEndTest {

    @Test
    void eachStepCountsItsOwnDeliveriesExactlyAndTheCurveHasOnePointPerN() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            FanoutSweepStage sweep = new FanoutSweepStage(List.of(10, 40, 160),
                    new Stage.Connect(Duration.ofMillis(300), false, 0), 100, Duration.ofSeconds(1),
                    Duration.ofSeconds(2));
            RunResult r = Scenarios.run(Scenarios.scenario("broadcast", Scenarios.ws(target), null, 0, 2,
                    ReconnectPolicy.none(), List.of(sweep)));

            FanoutSection fanout = (FanoutSection) r.sections().get("fanout");
            assertThat(fanout.points()).extracting(FanoutPoint::subscribers).containsExactly(10, 40, 160);
            for (FanoutPoint p : fanout.points()) {
                assertThat(p.published()).isEqualTo(100);
                // 100 messages over 2 topics: each subscriber expects its topic's 50.
                assertThat(p.expected()).isEqualTo(50L * p.subscribers());
                assertThat(p.received()).isEqualTo(p.expected());
                assertThat(p.lost()).isZero();
                assertThat(p.p99Ms()).isPositive();
            }
            assertThat(fanout.p99Growth()).isPositive();
            assertThat(fanout.summary()).contains("10 subscribers").contains("160");
            // The run as a whole: late joiners expect only what was published after they joined.
            assertThat(r.messages().expected()).isEqualTo(50L * (10 + 40 + 160));
            assertThat(r.messages().received()).isEqualTo(r.messages().expected());
            assertThat(r.messages().lost()).isZero();
            assertThat(r.connections().established()).isEqualTo(160);
        }
    }
}
