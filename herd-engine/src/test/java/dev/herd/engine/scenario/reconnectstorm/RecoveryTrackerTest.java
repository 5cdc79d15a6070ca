package dev.herd.engine.scenario.reconnectstorm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryTrackerTest {

    private static final long T0 = 7_000_000_000L;
    private static final long MS = 1_000_000L;

    private final long[] sent = {100, 200};
    private final RecoveryTracker tracker = new RecoveryTracker(10, topic -> sent[topic], 50);

    @Test
    void recoveryTimesAreTheKthReopenOfTheLostClientsFromT0() {
        tracker.start(T0);
        for (int i = 0; i < 10; i++) {
            tracker.lost(i, i % 2, T0 + 5 * MS);
        }
        for (int i = 0; i < 10; i++) {
            tracker.opened(i, i % 2, T0 + (i + 1) * 100 * MS);
        }

        assertThat(tracker.lost()).isEqualTo(10);
        assertThat(tracker.reopened()).isEqualTo(10);
        assertThat(tracker.recoveredMs(0.5)).isEqualTo(500.0);
        assertThat(tracker.recoveredMs(0.95)).isEqualTo(1000.0);
        assertThat(tracker.recoveredMs(1.0)).isEqualTo(1000.0);
    }

    @Test
    void aShareNotReachedHasNoTime() {
        tracker.start(T0);
        for (int i = 0; i < 10; i++) {
            tracker.lost(i, 0, T0 + MS);
        }
        for (int i = 0; i < 9; i++) {
            tracker.opened(i, 0, T0 + 200 * MS);
        }

        assertThat(tracker.recoveredMs(0.5)).isEqualTo(200.0);
        assertThat(tracker.recoveredMs(0.95)).isNull();
        assertThat(tracker.recoveredMs(1.0)).isNull();
        assertThat(tracker.allBack()).isFalse();
    }

    @Test
    void nothingLostMeansNoRecoveryTimes() {
        tracker.start(T0);
        assertThat(tracker.recoveredMs(0.5)).isNull();
        assertThat(tracker.allBack()).isFalse();
        assertThat(tracker.over(10, T0 + 10_000 * MS)).isFalse();
    }

    @Test
    void eventsBeforeTheDisruptionOrAfterTheObservationAreNotTheStorms() {
        tracker.lost(0, 0, T0 - MS);
        tracker.start(T0);
        tracker.lost(1, 0, T0 + MS);
        tracker.stop();
        tracker.opened(1, 0, T0 + 2 * MS);
        tracker.lost(2, 0, T0 + 3 * MS);

        assertThat(tracker.wasLost(0)).isFalse();
        assertThat(tracker.wasLost(1)).isTrue();
        assertThat(tracker.wasReopened(1)).isFalse();
        assertThat(tracker.wasLost(2)).isFalse();
    }

    @Test
    void onlyTheFirstLossAndTheFirstReopenAfterItCount() {
        tracker.start(T0);
        tracker.lost(3, 1, T0 + MS);
        sent[1] = 250;
        tracker.opened(3, 1, T0 + 100 * MS);
        sent[1] = 300;
        tracker.lost(3, 1, T0 + 200 * MS);
        tracker.opened(3, 1, T0 + 300 * MS);

        assertThat(tracker.lost()).isEqualTo(1);
        assertThat(tracker.reopened()).isEqualTo(1);
        assertThat(tracker.sentAtLoss(3)).isEqualTo(200);
        assertThat(tracker.sentAtReopen(3)).isEqualTo(250);
        assertThat(tracker.recoveredMs(1.0)).isEqualTo(100.0);
    }

    @Test
    void attemptsAreBinnedPer100msAndThePeakIsTheBusiestSecond() {
        tracker.start(T0);
        tracker.lost(0, 0, T0);
        tracker.lost(1, 0, T0);
        // Client 0: three attempts in the first 100 ms; client 1: one in each of bins 5 to 14.
        for (int a = 1; a <= 3; a++) {
            tracker.attempt(0, T0 + a * 10 * MS);
        }
        for (int b = 5; b < 15; b++) {
            tracker.attempt(1, T0 + b * 100 * MS + MS);
        }
        tracker.opened(0, 0, T0 + 50 * MS);
        tracker.attempt(0, T0 + 60 * MS);   // open again: not the storm's any more
        tracker.attempt(7, T0 + 60 * MS);   // never lost: not the storm's either
        tracker.opened(1, 0, T0 + 1500 * MS);

        List<AttemptBin> bins = tracker.bins(T0 + 1500 * MS);
        assertThat(bins).hasSize(15);
        assertThat(bins.get(0)).isEqualTo(new AttemptBin(0, 3));
        assertThat(bins.get(4)).isEqualTo(new AttemptBin(400, 0));
        assertThat(bins.get(14)).isEqualTo(new AttemptBin(1400, 1));
        assertThat(tracker.attemptsTotal()).isEqualTo(13);
        // Bins 5-14 hold 10 attempts; any window that includes bin 0 holds at most 3 + 5.
        assertThat(tracker.peakAttemptsPerSecond(T0 + 1500 * MS)).isEqualTo(10);
        CountDistribution perClient = tracker.attemptsPerClient();
        assertThat(perClient.clients()).isEqualTo(2);
        assertThat(perClient.max()).isEqualTo(10);
        assertThat(perClient.mean()).isEqualTo(6.5);
    }

    @Test
    void theStormIsOverWhenEveryClientOpenAtT0IsBackOrNoLossCameForAWhile() {
        tracker.start(T0);
        tracker.lost(0, 0, T0 + MS);
        tracker.lost(1, 0, T0 + MS);
        tracker.opened(0, 0, T0 + 10 * MS);
        tracker.opened(1, 0, T0 + 20 * MS);

        assertThat(tracker.over(2, T0 + 20 * MS)).as("both open at t0 are back").isTrue();
        assertThat(tracker.over(5, T0 + 20 * MS)).as("three more may still be lost").isFalse();
        assertThat(tracker.over(5, T0 + 300 * MS)).as("no loss for 250 ms").isTrue();
    }

    @Test
    void aClientThatGaveUpIsBackInTheSenseThatNothingMoreWillHappen() {
        tracker.start(T0);
        tracker.lost(0, 0, T0 + MS);
        assertThat(tracker.allBack()).isFalse();
        tracker.opened(5, 0, T0 + 2 * MS);   // never lost: ignored
        assertThat(tracker.allBack()).isFalse();
        assertThat(tracker.reopened()).isZero();
    }
}
