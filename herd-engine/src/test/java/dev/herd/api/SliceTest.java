package dev.herd.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.run.WorkerRole;
import dev.herd.engine.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How a run is shared out over processes: whole topics when it can, subscribers otherwise; nothing lost or doubled. */
class SliceTest {

    private static final String URL = "ws://127.0.0.1:8080/ws/{topic}";

    @Test
    void withEnoughTopicsEachSliceTakesWholeTopicsTheirSubscribersAndTheirShareOfTheRate() {
        List<BroadcastBuilder> slices = slice(3, () -> broadcast(6, 600, 300.0));
        BroadcastBuilder one = slices.get(1);
        assertThat(one.topics()).isEqualTo(2);
        assertThat(one.subscribers()).isEqualTo(200);
        assertThat(one.rate()).isEqualTo(100.0);
        assertThat(one.role()).isEqualTo(WorkerRole.BOTH);
        Scenario scenario = one.build();
        assertThat(List.of(scenario.topicName(0), scenario.topicName(1))).containsExactly("topic-1", "topic-4");
    }

    @Test
    void unevenCountsAddUpToTheWholeRun() {
        // 11 subscribers over 5 topics: topic-0 has 3, the others 2; slice 0 has topics 0, 2, 4 and slice 1 has 1, 3
        List<BroadcastBuilder> slices = slice(2, () -> broadcast(5, 11, 50.0));
        assertThat(slices).extracting(ScenarioBuilder::subscribers).containsExactly(7, 4);
        assertThat(slices).extracting(ScenarioBuilder::topics).containsExactly(3, 2);
        assertThat(slices.stream().mapToDouble(ScenarioBuilder::rate).sum()).isEqualTo(50.0);
        List<String> names = new ArrayList<>();
        for (BroadcastBuilder b : slices) {
            Scenario scenario = b.build();
            for (int t = 0; t < scenario.topics(); t++) {
                names.add(scenario.topicName(t));
            }
        }
        assertThat(names).containsExactlyInAnyOrder("topic-0", "topic-1", "topic-2", "topic-3", "topic-4");
    }

    @Test
    void withFewerTopicsThanSlicesSubscribersAreSharedAndSliceZeroPublishes() {
        List<BroadcastBuilder> slices = slice(3, () -> broadcast(1, 10, 200.0));
        assertThat(slices).extracting(ScenarioBuilder::subscribers).containsExactly(4, 3, 3);
        assertThat(slices).extracting(ScenarioBuilder::topics).containsOnly(1);
        assertThat(slices).extracting(ScenarioBuilder::role)
                .containsExactly(WorkerRole.BOTH, WorkerRole.SUBSCRIBER, WorkerRole.SUBSCRIBER);
        assertThat(slices).extracting(ScenarioBuilder::rate).containsOnly(200.0);
    }

    @Test
    void broadcastsDefaultRateIsSharedToo() {
        List<BroadcastBuilder> slices = slice(2, () -> broadcast(4, 100, null));
        assertThat(slices).extracting(ScenarioBuilder::rate).containsExactly(50.0, 50.0);
    }

    @Test
    void aSweepIsSlicedStepByStepAndTheHandshakeCapAndSeedAreSharedOut() {
        BroadcastBuilder b = broadcast(4, 100, 100.0).sweep(List.of(10, 100, 1000)).maxHandshakes(100).seed(7)
                .slice(1, 2);
        b.build();
        assertThat(b.sweepCounts()).containsExactly(5, 50, 500);
        assertThat(b.maxHandshakes()).isEqualTo(50);
        assertThat(b.seed()).isEqualTo(8);
    }

    @Test
    void scenariosThatActOnTheWholeTargetAreNotSplit() {
        for (ScenarioBuilder<?> b : List.<ScenarioBuilder<?>>of(Herd.capacity(), Herd.reconnectStorm(),
                Herd.slowSubscriber())) {
            assertThatThrownBy(() -> b.url(URL).slice(0, 2).build()).isInstanceOf(InvalidOptionException.class)
                    .hasMessageContaining(b.name()).hasMessageContaining("split broadcast, connect-storm, steady");
        }
    }

    @Test
    void parsesIOverN() {
        assertThat(Slice.parse("2/5")).isEqualTo(new Slice(2, 5));
        for (String bad : List.of("5/5", "-1/2", "1", "a/b", "1/2/3")) {
            assertThatThrownBy(() -> Slice.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
    }

    private static List<BroadcastBuilder> slice(int count, Supplier<BroadcastBuilder> run) {
        List<BroadcastBuilder> slices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BroadcastBuilder b = run.get().slice(i, count);
            b.build();
            slices.add(b);
        }
        return slices;
    }

    private static BroadcastBuilder broadcast(int topics, int subscribers, Double rate) {
        BroadcastBuilder b = Herd.broadcast().url(URL).topics(topics).subscribers(subscribers);
        return rate == null ? b : b.rate(rate);
    }
}
