package dev.herd.engine.scenario.slowsubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlowGroupTest {

    /** Subscribers 0..n-1 spread over topics as the run spreads them: subscriber i on topic i % topics. */
    private static int[] choose(int subscribers, int topics, int size, long seed) {
        int[] indices = IntStream.range(0, subscribers).toArray();
        int[] topicOf = IntStream.range(0, subscribers).map(i -> i % topics).toArray();
        return SlowGroup.choose(indices, topicOf, size, seed);
    }

    private static long[] perTopic(int[] chosen, int topics) {
        long[] counts = new long[topics];
        for (int i : chosen) {
            counts[i % topics]++;
        }
        return counts;
    }

    @Test
    void theSameSeedChoosesTheSameSubscribers() {
        assertThat(choose(100, 4, 10, 7)).isEqualTo(choose(100, 4, 10, 7));
        assertThat(choose(100, 4, 10, 7)).isNotEqualTo(choose(100, 4, 10, 8));
    }

    @Test
    void theGroupIsSpreadEvenlyOverTheTopicsWithoutRepeats() {
        int[] chosen = choose(100, 4, 10, 3);

        assertThat(chosen).hasSize(10).doesNotHaveDuplicates().isSorted();
        long[] counts = perTopic(chosen, 4);
        assertThat(Arrays.stream(counts).max().getAsLong() - Arrays.stream(counts).min().getAsLong())
                .isLessThanOrEqualTo(1);
    }

    @Test
    void everyTopicKeepsAHealthySubscriber() {
        int[] chosen = choose(9, 3, 100, 1);

        assertThat(chosen).hasSize(6);
        assertThat(perTopic(chosen, 3)).containsOnly(2);
    }

    @Test
    void aTopicWithOneSubscriberGivesNoneToTheGroup() {
        int[] chosen = SlowGroup.choose(new int[] {0, 1, 2, 3}, new int[] {0, 1, 1, 1}, 3, 5);

        assertThat(chosen).hasSize(2).doesNotContain(0);
    }

    @Test
    void aFractionIsRoundedAndNeverZeroAndEveryTopicKeepsOneHealthy() {
        assertThat(SlowGroupSize.fraction(0.1).of(200, 4)).isEqualTo(20);
        assertThat(SlowGroupSize.fraction(0.01).of(20, 1)).isEqualTo(1);
        assertThat(SlowGroupSize.count(5).of(200, 4)).isEqualTo(5);
        assertThat(SlowGroupSize.count(50).of(10, 3)).isEqualTo(7);
        assertThat(SlowGroupSize.fraction(1).of(10, 20)).isZero();
    }

    @Test
    void aGroupOfNobodyIsRefused() {
        assertThatThrownBy(() -> SlowGroupSize.fraction(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlowGroupSize.fraction(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlowGroupSize.count(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
