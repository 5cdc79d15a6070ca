package dev.herd.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.run.Run;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.testing.MachineLateness;
import dev.herd.engine.testing.Scenarios;
import dev.herd.engine.testing.TimingSensitive;
import dev.herd.broker.testing.TargetFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The generator watches itself: a deliberately overloaded configuration must not be reported as trustworthy. */
@ExtendWith(TimingSensitive.class)
class GeneratorHealthTest {

    @Test
    void oneEventLoopAskedForMillionsOfDeliveriesASecondIsFlaggedAsNotTrustworthy() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            Scenario tiny = new Scenario("broadcast", TargetUrl.parse(Scenarios.ws(target)), null, 600, 1, "topic-",
                    ClientOptions.defaults().withReconnect(ReconnectPolicy.none()), MessageSpec.defaults().withSize(512),
                    List.of(new Stage.Connect(Duration.ofMillis(500), false, 0),
                            new Stage.Publish(5000, Duration.ofSeconds(3), Duration.ofSeconds(1))),
                    1);
            RunResult r = new Run(tiny, List.of()).execute();

            assertThat(r.generator().trustworthy()).isFalse();
            assertThat(r.generator().reasons()).isNotEmpty();
            assertThat(String.join(" ", r.generator().reasons())).containsAnyOf("event loop", "CPU");
            assertThat(r.generator().eventLoops()).isEqualTo(1);
        }
    }

    @Test
    void aLightRunIsTrustworthy() {
        try (TargetFixture target = TargetFixture.start(b -> b);
             MachineLateness machine = MachineLateness.start()) {
            RunResult r = Scenarios.run(Scenarios.scenario("broadcast", Scenarios.ws(target), null, 20, 2,
                    ReconnectPolicy.none(), List.of(new Stage.Connect(Duration.ofMillis(200), false, 0),
                            new Stage.Publish(20, Duration.ofSeconds(2), Duration.ofSeconds(1)))));

            if (machine.quiet()) {
                assertThat(r.generator().trustworthy()).as("%s (%s)", r.generator().reasons(), machine).isTrue();
                assertThat(r.generator().reasons()).isEmpty();
            } else if (!r.generator().trustworthy()) {
                // Other processes hold the cores: herd's loops run late with everything else, and herd says so.
                assertThat(String.join(" ", r.generator().reasons())).containsAnyOf("event loop", "connect ramp");
            }
            assertThat(r.generator().peakClientSockets()).isBetween(20L, 22L);
            assertThat(r.generator().maxFileDescriptors()).isPositive();
            if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
                assertThat(r.generator().ephemeralPortRange()).isGreaterThan(1000);
            }
        }
    }
}
