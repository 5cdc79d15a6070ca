package dev.herd.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.cli.UsageException;
import dev.herd.engine.run.WorkerRole;
import dev.herd.engine.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code --workers} shares a run out: whole topics when it can, subscribers otherwise; nothing lost or doubled. */
class WorkerSliceTest {

    @Test
    void withEnoughTopicsEachWorkerTakesWholeTopicsTheirSubscribersAndTheirShareOfTheRate() {
        List<ScenarioSettings> slices = slice("broadcast", 3, 6, 600, 300.0);
        ScenarioSettings one = slices.get(1);
        assertThat(one.topics).isEqualTo(2);
        assertThat(one.subscribers).isEqualTo(200);
        assertThat(one.rate).isEqualTo(100.0);
        assertThat(one.role).isEqualTo(WorkerRole.BOTH);
        Scenario scenario = BuiltInScenarios.build(one);
        assertThat(List.of(scenario.topicName(0), scenario.topicName(1))).containsExactly("topic-1", "topic-4");
    }

    @Test
    void unevenCountsAddUpToTheWholeRun() {
        // 11 subscribers over 5 topics: topic-0 has 3, the others 2; worker 0 has topics 0, 2, 4 and worker 1 has 1, 3
        List<ScenarioSettings> slices = slice("broadcast", 2, 5, 11, 50.0);
        assertThat(slices).extracting(s -> s.subscribers).containsExactly(7, 4);
        assertThat(slices).extracting(s -> s.topics).containsExactly(3, 2);
        assertThat(slices.stream().mapToDouble(s -> s.rate).sum()).isEqualTo(50.0);
        List<String> names = new ArrayList<>();
        for (ScenarioSettings s : slices) {
            Scenario scenario = BuiltInScenarios.build(s);
            for (int t = 0; t < scenario.topics(); t++) {
                names.add(scenario.topicName(t));
            }
        }
        assertThat(names).containsExactlyInAnyOrder("topic-0", "topic-1", "topic-2", "topic-3", "topic-4");
    }

    @Test
    void withFewerTopicsThanWorkersSubscribersAreSharedAndWorkerZeroPublishes() {
        List<ScenarioSettings> slices = slice("broadcast", 3, 1, 10, 200.0);
        assertThat(slices).extracting(s -> s.subscribers).containsExactly(4, 3, 3);
        assertThat(slices).extracting(s -> s.topics).containsOnly(1);
        assertThat(slices).extracting(s -> s.role)
                .containsExactly(WorkerRole.BOTH, WorkerRole.SUBSCRIBER, WorkerRole.SUBSCRIBER);
        assertThat(slices).extracting(s -> s.rate).containsOnly(200.0);
    }

    @Test
    void broadcastsDefaultRateIsSharedToo() {
        List<ScenarioSettings> slices = slice("broadcast", 2, 4, 100, null);
        assertThat(slices).extracting(s -> s.rate).containsExactly(50.0, 50.0);
    }

    @Test
    void aSweepIsSlicedStepByStepAndTheHandshakeCapAndSeedAreSharedOut() {
        ScenarioSettings s = settings("broadcast", 4, 100, 100.0);
        s.sweepSubscribers = new ArrayList<>(List.of(10, 100, 1000));
        s.maxHandshakes = 100;
        s.seed = 7;
        new WorkerSlice(1, 2).applyTo(s);
        assertThat(s.sweepSubscribers).containsExactly(5, 50, 500);
        assertThat(s.maxHandshakes).isEqualTo(50);
        assertThat(s.seed).isEqualTo(8);
    }

    @Test
    void scenariosThatActOnTheWholeTargetAreNotSplit() {
        for (String scenario : List.of("capacity", "reconnect-storm", "slow-subscriber")) {
            assertThatThrownBy(() -> new WorkerSlice(0, 2).applyTo(settings(scenario, 2, 10, 10.0)))
                    .isInstanceOf(UsageException.class).hasMessageContaining(scenario)
                    .hasMessageContaining("--workers splits broadcast, connect-storm, steady");
        }
    }

    @Test
    void parsesIOverN() {
        assertThat(WorkerSlice.parse("2/5")).isEqualTo(new WorkerSlice(2, 5));
        for (String bad : List.of("5/5", "-1/2", "1", "a/b", "1/2/3")) {
            assertThatThrownBy(() -> WorkerSlice.parse(bad)).isInstanceOf(UsageException.class).hasMessageContaining(bad);
        }
    }

    private static List<ScenarioSettings> slice(String scenario, int workers, int topics, int subscribers, Double rate) {
        List<ScenarioSettings> slices = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ScenarioSettings s = settings(scenario, topics, subscribers, rate);
            new WorkerSlice(i, workers).applyTo(s);
            slices.add(s);
        }
        return slices;
    }

    private static ScenarioSettings settings(String scenario, int topics, int subscribers, Double rate) {
        ScenarioSettings s = new ScenarioSettings();
        s.scenario = scenario;
        s.url = "ws://127.0.0.1:8080/ws/{topic}";
        s.topics = topics;
        s.subscribers = subscribers;
        s.rate = rate;
        return s;
    }
}
