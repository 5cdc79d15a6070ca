package dev.herd.engine.stamp;

import dev.herd.engine.stamp.SequenceTracker.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.herd.engine.stamp.SequenceTracker.Outcome.AFTER_GAP;
import static dev.herd.engine.stamp.SequenceTracker.Outcome.DUPLICATE;
import static dev.herd.engine.stamp.SequenceTracker.Outcome.IN_ORDER;
import static dev.herd.engine.stamp.SequenceTracker.Outcome.REORDERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequenceTrackerTest {

    private final SequenceTracker tracker = new SequenceTracker();

    private List<Outcome> recordAll(long... seqs) {
        List<Outcome> outcomes = new ArrayList<>();
        for (long seq : seqs) {
            outcomes.add(tracker.record(seq));
        }
        return outcomes;
    }

    @Test
    void beforeAnyRecordNothingIsReceivedAndEverythingPublishedIsLost() {
        assertThat(tracker.highestSeq()).isEqualTo(-1);
        assertThat(tracker.received()).isZero();
        assertThat(tracker.missing()).isZero();
        assertThat(tracker.lost(0)).isZero();
        assertThat(tracker.lost(5)).isEqualTo(5);
        assertThat(tracker.beyond(0)).isZero();
    }

    @Test
    void inOrderReceiptOpensNoGap() {
        for (long seq = 0; seq < 10_000; seq++) {
            assertThat(tracker.record(seq)).isEqualTo(IN_ORDER);
        }
        assertThat(tracker.received()).isEqualTo(10_000);
        assertThat(tracker.unique()).isEqualTo(10_000);
        assertThat(tracker.highestSeq()).isEqualTo(9_999);
        assertThat(tracker.openGaps()).isZero();
        assertThat(tracker.lost(10_000)).isZero();
    }

    @Test
    void aJumpOpensAGapThatLateArrivalsFill() {
        assertThat(recordAll(0, 1, 5)).containsExactly(IN_ORDER, IN_ORDER, AFTER_GAP);
        assertThat(tracker.missing()).isEqualTo(3);
        assertThat(tracker.openGaps()).isOne();

        // 3 splits [2, 5) into [2, 3) and [4, 5); 2 and 4 then close both.
        assertThat(recordAll(3)).containsExactly(REORDERED);
        assertThat(tracker.openGaps()).isEqualTo(2);
        assertThat(recordAll(2, 4, 6)).containsExactly(REORDERED, REORDERED, IN_ORDER);
        assertThat(tracker.openGaps()).isZero();
        assertThat(tracker.missing()).isZero();
        assertThat(tracker.reordered()).isEqualTo(3);
    }

    @Test
    void secondCopiesAreDuplicatesWhetherInGapOrNot() {
        assertThat(recordAll(0, 0, 2, 2, 1, 1)).containsExactly(
                IN_ORDER, DUPLICATE, AFTER_GAP, DUPLICATE, REORDERED, DUPLICATE);
        assertThat(tracker.received()).isEqualTo(6);
        assertThat(tracker.unique()).isEqualTo(3);
        assertThat(tracker.duplicated()).isEqualTo(3);
    }

    @ParameterizedTest(name = "after receiving 0, 1, 4, 7, 8 of {0} published, {1} are lost and {2} are beyond")
    @CsvSource({
            "0,  0, 5",
            "3,  1, 3",
            "5,  2, 2",
            "8,  4, 1",
            "9,  4, 0",
            "12, 7, 0",
    })
    void lostCountsGapsBelowPublishedAndAMissingTail(long published, long lost, long beyond) {
        recordAll(0, 1, 4, 7, 8);
        assertThat(tracker.lost(published)).isEqualTo(lost);
        assertThat(tracker.beyond(published)).isEqualTo(beyond);
    }

    @Test
    void aTrackerStartedLateCountsTheHeadAsMissing() {
        assertThat(tracker.record(3)).isEqualTo(AFTER_GAP);
        assertThat(tracker.missing()).isEqualTo(3);
        assertThat(tracker.lost(4)).isEqualTo(3);
    }

    @Test
    void manyGapsGrowTheRangesAndStaySorted() {
        for (long seq = 0; seq < 2_000; seq += 2) {
            tracker.record(seq);
        }
        assertThat(tracker.openGaps()).isEqualTo(999);
        for (long seq = 1_997; seq > 0; seq -= 4) {
            assertThat(tracker.record(seq)).isEqualTo(REORDERED);
        }
        assertThat(tracker.openGaps()).isEqualTo(499);
        assertThat(tracker.lost(2_000)).isEqualTo(500);
    }

    @ParameterizedTest(name = "a negative {0} is rejected")
    @ValueSource(strings = {"seq", "published"})
    void negativeArgumentsAreRejected(String what) {
        assertThatThrownBy(() -> {
            if (what.equals("seq")) {
                tracker.record(-1);
            } else {
                tracker.lost(-1);
            }
        }).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Property test: random orders with drops, duplicates and local reordering, checked against a BitSet oracle
     * after every record. Seeded and bounded, so it is the same run every time.
     */
    @Test
    void agreesWithABitSetOracleOnRandomOrders() {
        Random random = new Random(20261127);
        for (int trial = 0; trial < 300; trial++) {
            int published = 1 + random.nextInt(trial < 250 ? 60 : 2_000);
            List<Long> deliveries = randomDeliveries(random, published);
            SequenceTracker subject = new SequenceTracker();
            Oracle oracle = new Oracle();
            for (long seq : deliveries) {
                assertThat(subject.record(seq)).as("trial %d, seq %d of %s", trial, seq, deliveries)
                        .isEqualTo(oracle.record(seq));
                assertThat(subject.missing()).isEqualTo(oracle.missing());
            }
            assertThat(subject.received()).isEqualTo(oracle.received);
            assertThat(subject.unique()).isEqualTo(oracle.seen.cardinality());
            assertThat(subject.duplicated()).isEqualTo(oracle.duplicated);
            assertThat(subject.reordered()).isEqualTo(oracle.reordered);
            assertThat(subject.highestSeq()).isEqualTo(oracle.highest);
            for (long p : new long[]{0, 1, published / 2, published - 1, published, published + 3}) {
                assertThat(subject.lost(p)).as("lost(%d) in trial %d", p, trial).isEqualTo(oracle.lost(p));
                assertThat(subject.beyond(p)).as("beyond(%d) in trial %d", p, trial).isEqualTo(oracle.beyond(p));
            }
        }
    }

    /** 0 .. published-1 with some dropped, some duplicated, then shuffled locally or fully. */
    private static List<Long> randomDeliveries(Random random, int published) {
        double dropRate = random.nextInt(4) * 0.1;
        double duplicateRate = random.nextInt(3) * 0.1;
        List<Long> deliveries = new ArrayList<>();
        for (long seq = 0; seq < published; seq++) {
            if (random.nextDouble() >= dropRate) {
                deliveries.add(seq);
            }
            if (random.nextDouble() < duplicateRate) {
                deliveries.add(seq);
            }
        }
        switch (random.nextInt(3)) {
            case 0 -> Collections.shuffle(deliveries, random);
            case 1 -> {
                // Local reordering, as a server with several delivery queues produces.
                int window = 2 + random.nextInt(8);
                for (int i = 0; i + 1 < deliveries.size(); i++) {
                    Collections.swap(deliveries, i, Math.min(deliveries.size() - 1, i + random.nextInt(window)));
                }
            }
            default -> { /* in order, with drops and duplicates only */ }
        }
        return deliveries;
    }

    /** The obvious, memory-hungry implementation the tracker must agree with. */
    private static final class Oracle {
        final BitSet seen = new BitSet();
        long highest = -1;
        long received;
        long duplicated;
        long reordered;

        Outcome record(long seq) {
            received++;
            int bit = Math.toIntExact(seq);
            if (seen.get(bit)) {
                duplicated++;
                return DUPLICATE;
            }
            seen.set(bit);
            if (seq < highest) {
                reordered++;
                return REORDERED;
            }
            Outcome outcome = seq == highest + 1 ? IN_ORDER : AFTER_GAP;
            highest = seq;
            return outcome;
        }

        long missing() {
            return highest + 1 - seen.cardinality();
        }

        long lost(long published) {
            return published - seen.get(0, Math.toIntExact(published)).cardinality();
        }

        long beyond(long published) {
            return seen.get(Math.toIntExact(published), Math.toIntExact(Math.max(published, highest + 1)))
                    .cardinality();
        }
    }
}
