package dev.herd.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.broker.testing.TargetFixture;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.capacity.CapacityStage;
import dev.herd.engine.scenario.connectstorm.ConnectStormStage;
import dev.herd.engine.scenario.fanout.FanoutSweepStage;
import dev.herd.engine.scenario.steady.SteadyStage;
import dev.herd.engine.testing.TimingSensitive;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java front door: each builder's timeline and defaults, its one-line errors, and a whole run with thresholds. */
@ExtendWith(TimingSensitive.class)
class HerdTest {

    private static final String URL = "ws://127.0.0.1:8080/ws/{topic}";

    @Test
    void aBroadcastConnectsThenPublishesAtItsDefaults() {
        Scenario s = Herd.broadcast().url(URL).build();
        assertThat(s.name()).isEqualTo("broadcast");
        assertThat(s.subscribers()).isEqualTo(ScenarioBuilder.DEFAULT_SUBSCRIBERS);
        assertThat(s.stages()).hasSize(2).first().isInstanceOf(Stage.Connect.class);
        Stage.Publish publish = (Stage.Publish) s.stages().get(1);
        assertThat(publish.ratePerSecond()).isEqualTo(BroadcastBuilder.DEFAULT_RATE);
        assertThat(publish.duration()).isEqualTo(ScenarioBuilder.DEFAULT_DURATION);
        assertThat(publish.drain()).isEqualTo(ScenarioBuilder.DEFAULT_DRAIN);
        assertThat(s.message().sizeBytes()).isEqualTo(ScenarioBuilder.DEFAULT_SIZE_BYTES);
        assertThat(s.client().connectTimeout()).isEqualTo(ScenarioBuilder.DEFAULT_CONNECT_TIMEOUT);
    }

    @Test
    void eachScenarioBuildsItsOwnTimeline() {
        assertThat(Herd.steady().url(URL).topics(3).build().stages().get(1)).isInstanceOfSatisfying(SteadyStage.class,
                st -> {
                    assertThat(st.ratePerSecond()).as("one a topic a second").isEqualTo(3);
                    assertThat(st.duration()).isEqualTo(SteadyBuilder.DEFAULT_DURATION);
                    assertThat(st.window()).isEqualTo(SteadyBuilder.DEFAULT_WINDOW);
                });
        Scenario storm = Herd.connectStorm().url(URL).build();
        assertThat(storm.subscribers()).isEqualTo(ConnectStormBuilder.DEFAULT_CLIENTS);
        assertThat(storm.stages().get(0)).isInstanceOfSatisfying(ConnectStormStage.class,
                st -> assertThat(st.connect().within()).isEqualTo(ConnectStormBuilder.DEFAULT_WITHIN));
        assertThat(Herd.capacity().url(URL).build().stages().get(0)).isInstanceOf(CapacityStage.class);
        Scenario sweep = Herd.fanoutSweep(10, 100).url(URL).build();
        assertThat(sweep.subscribers()).isZero();
        assertThat(sweep.stages().get(0)).isInstanceOf(FanoutSweepStage.class);
        assertThat(Herd.slowSubscriber().url(URL).build().message().sizeBytes())
                .isEqualTo(SlowSubscriberBuilder.DEFAULT_SIZE_BYTES);
    }

    @Test
    void aBadOptionIsOneLineNamingItAsTheCommandLineDoes() {
        assertThatThrownBy(() -> Herd.broadcast().url(URL).topics(0).build())
                .isInstanceOf(InvalidOptionException.class).hasMessage("topics (--topics) must be at least 1")
                .satisfies(e -> assertThat(((InvalidOptionException) e).key()).isEqualTo("clients.topics"));
        assertThatThrownBy(() -> Herd.broadcast().build()).hasMessage("url (--url) is required");
        assertThatThrownBy(() -> Herd.broadcast().url(URL).rate(0).build())
                .hasMessageContaining("rate (--rate) must be a positive number of messages per second");
        assertThatThrownBy(() -> Herd.reconnectStorm().url(URL).reconnect(Reconnect.NONE).build())
                .hasMessageContaining("a reconnect storm needs clients that reconnect");
        assertThatThrownBy(() -> Herd.broadcast().url(URL).protocol("stmop").build())
                .hasMessageContaining("'stmop' is not a protocol herd knows");
        assertThatThrownBy(() -> Herd.broadcast().url(URL).threshold("latncy.p99 < 5ms"))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("unknown figure 'latncy.p99'");
    }

    @Test
    void aRunChecksItsThresholdsAgainstTheTypedResult() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            RunResult result = Herd.broadcast().url("ws://127.0.0.1:" + target.port() + "/ws/{topic}")
                    .subscribers(20).topics(2).rate(100).duration(Duration.ofSeconds(1))
                    .connectWithin(Duration.ofMillis(200)).drain(Duration.ofSeconds(3)).loops(2)
                    .threshold("messages.lost == 0").threshold("connections.established == 20")
                    .threshold("messages.received < 1")
                    .run();

            assertThat(result.messages().received()).isEqualTo(100L * 20 / 2);
            assertThat(result.thresholds()).hasSize(3);
            assertThat(result.thresholds().get(0).passed()).isTrue();
            assertThat(result.thresholds().get(1).passed()).isTrue();
            assertThat(result.failedThresholds()).extracting(t -> t.expression())
                    .containsExactly("messages.received < 1");
            assertThat(result.passed()).isFalse();
            assertThat(result.verdict()).isEqualTo("fail");
        }
    }
}
