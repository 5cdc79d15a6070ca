package dev.herd.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.cli.scenariofile.ScenarioFileException;
import dev.herd.cli.scenariofile.ScenarioFile;
import dev.herd.cli.scenariofile.ScenarioFileReader;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.slowsubscriber.SlowSubscriberStage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlowSubscriberScenarioFileTest {

    private static ScenarioFile read(String yaml) {
        return new ScenarioFileReader(Map.of(), Map.of()).parse("slow.yaml", yaml);
    }

    @Test
    void theSectionSetsTheStageAndTheScenarioDefaultsFillTheRest() {
        Scenario scenario = (read("""
                scenario: slow-subscriber
                target: {url: "ws://127.0.0.1:8080/ws/{topic}"}
                clients: {subscribers: 40, topics: 4}
                slow_subscribers: {count: 5, stall_after: 1s, stall_for: 4s, read_rate: 1KiB/s, after: 2s,
                                   receive_buffer: 16KiB}
                """).build());

        SlowSubscriberStage stage = (SlowSubscriberStage) scenario.stages().get(0);
        assertThat(stage.group().count()).isEqualTo(5);
        assertThat(stage.stallAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(stage.stallFor()).isEqualTo(Duration.ofSeconds(4));
        assertThat(stage.readBytesPerSecond()).isEqualTo(1024);
        assertThat(stage.after()).isEqualTo(Duration.ofSeconds(2));
        assertThat(stage.receiveBufferBytes()).isEqualTo(16 << 10);
        assertThat(stage.ratePerSecond()).isEqualTo(dev.herd.api.SlowSubscriberBuilder.DEFAULT_RATE_PER_TOPIC * 4);
        assertThat(scenario.message().sizeBytes()).isEqualTo(4096);
        assertThat(scenario.client().reconnect().delayNanos(1, new java.util.SplittableRandom(1))).isNegative();
    }

    @Test
    void withoutTheSectionTheGroupIsATenthAndTheStallFiveSeconds() {
        Scenario scenario = (read("""
                scenario: slow-subscriber
                target: {url: "ws://127.0.0.1:8080/ws/{topic}"}
                publish: {size: 1KiB, rate: 300}
                """).build());

        SlowSubscriberStage stage = (SlowSubscriberStage) scenario.stages().get(0);
        assertThat(stage.group().fraction()).isEqualTo(0.1);
        assertThat(stage.stallFor()).isEqualTo(Duration.ofSeconds(5));
        assertThat(stage.readBytesPerSecond()).isZero();
        assertThat(stage.receiveBufferBytes()).isEqualTo(SlowSubscriberStage.DEFAULT_RECEIVE_BUFFER_BYTES);
        assertThat(stage.ratePerSecond()).isEqualTo(300);
        assertThat(scenario.message().sizeBytes()).isEqualTo(1024);
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        assertThatThrownBy(() -> read("""
                scenario: slow-subscriber
                target: {url: "ws://127.0.0.1:8080/ws/{topic}"}
                slow_subscribers:
                  fraction: 0.2
                  stall_fro: 3s
                """)).isInstanceOf(ScenarioFileException.class)
                .hasMessageStartingWith("slow.yaml:5: slow_subscribers.stall_fro: unknown key (did you mean 'stall_for'?)");
    }

    @Test
    void aBadReadRateIsNamedWithItsLine() {
        assertThatThrownBy(() -> read("""
                scenario: slow-subscriber
                target: {url: "ws://127.0.0.1:8080/ws/{topic}"}
                slow_subscribers:
                  read_rate: slowly
                """)).isInstanceOf(ScenarioFileException.class)
                .hasMessage("slow.yaml:4: slow_subscribers.read_rate: 'slowly' is not a byte rate above 0 "
                        + "(expected e.g. 1KiB/s, 512B/s, 2MiB/s)");
    }

    @Test
    void aFractionAndACountTogetherAreRefused() {
        assertThatThrownBy(() -> read("""
                scenario: slow-subscriber
                target: {url: "ws://127.0.0.1:8080/ws/{topic}"}
                slow_subscribers: {fraction: 0.1, count: 5}
                """)).isInstanceOf(ScenarioFileException.class).hasMessageContaining("not both");
    }

    @Test
    void aZeroFractionIsNamedWithItsLine() {
        assertThatThrownBy(() -> read("""
                scenario: slow-subscriber
                target: {url: "ws://127.0.0.1:8080/ws/{topic}"}
                slow_subscribers: {fraction: 0}
                """)).isInstanceOf(ScenarioFileException.class)
                .hasMessage("slow.yaml:3: slow_subscribers.fraction: must be above 0 (expected e.g. 0.1 or 10%)");
    }

    @Test
    void aZeroFractionFromTheFlagsIsAUsageErrorNamingTheFlag() {
        ScenarioFile s = read("""
                scenario: slow-subscriber
                target: {url: "ws://127.0.0.1:8080/ws/{topic}"}
                """);
        ((dev.herd.api.SlowSubscriberBuilder) s.builder()).slowFraction(0.0);

        assertThatThrownBy(() -> s.builder().build()).isInstanceOf(dev.herd.api.InvalidOptionException.class)
                .hasMessageContaining("fraction (--slow-fraction) must be above 0");
    }
}
