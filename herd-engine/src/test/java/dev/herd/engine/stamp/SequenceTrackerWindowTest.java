package dev.herd.engine.stamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A subscriber that joins late ({@code startAt}) and the loss inside a window of sequence numbers. */
class SequenceTrackerWindowTest {

    @Test
    void aLateJoinerIsNotExpectedToHaveWhatWasPublishedBeforeIt() {
        SequenceTracker t = new SequenceTracker();
        t.startAt(100);
        assertThat(t.record(100)).isEqualTo(SequenceTracker.Outcome.IN_ORDER);
        assertThat(t.record(101)).isEqualTo(SequenceTracker.Outcome.IN_ORDER);
        assertThat(t.record(5)).isEqualTo(SequenceTracker.Outcome.BEFORE_START);
        assertThat(t.beforeStart()).isEqualTo(1);
        assertThat(t.received()).isEqualTo(2);
        assertThat(t.lost(110)).isEqualTo(8);
        assertThat(t.lost(50)).isZero();
        assertThat(t.hasReceived(5)).isFalse();
        assertThat(t.hasReceived(101)).isTrue();
    }

    @Test
    void startAtMustComeFirst() {
        SequenceTracker t = new SequenceTracker();
        t.record(0);
        assertThatThrownBy(() -> t.startAt(3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void missingBetweenMatchesABitSetOracleOnRandomDeliveries() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            long first = random.nextInt(0, 50);
            int published = random.nextInt(0, 400);
            SequenceTracker t = new SequenceTracker();
            t.startAt(first);
            BitSet got = new BitSet();
            for (long seq = first; seq < first + published; seq++) {
                if (random.nextDouble() < 0.8) {
                    t.record(seq);
                    got.set((int) seq);
                }
            }
            for (int check = 0; check < 20; check++) {
                long from = random.nextInt(0, 500);
                long to = from + random.nextInt(0, 200);
                long expected = 0;
                for (long s = Math.max(from, first); s < to; s++) {
                    if (!got.get((int) s)) {
                        expected++;
                    }
                }
                assertThat(t.missingBetween(from, to)).as("trial %d [%d,%d)", trial, from, to).isEqualTo(expected);
            }
        }
    }
}
