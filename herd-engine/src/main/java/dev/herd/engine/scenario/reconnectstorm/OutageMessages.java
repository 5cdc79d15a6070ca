package dev.herd.engine.scenario.reconnectstorm;

import dev.herd.engine.publish.TopicLedger;
import dev.herd.engine.scenario.StageContext;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * What the storm's lost clients missed, reckoned after the run from each one's account: messages lost over the run,
 * and of the messages of its topic published while it was disconnected, how many it received anyway.
 *
 * <pre>{@code
 * ctx.afterAccounting(acc -> { OutageMessages m = OutageMessages.of(acc, tracker, ledgers); ... });
 * }</pre>
 */
record OutageMessages(long lost, CountDistribution lostPerClient, long whileAway, long gotBack, long clientsGotBack) {

    /** Call after the run, when the publishers have stopped and every subscriber is accounted for. */
    static OutageMessages of(StageContext.Accounting accounting, RecoveryTracker tracker, TopicLedger[] ledgers) {
        long[][] failedByTopic = new long[ledgers.length][];
        for (int t = 0; t < ledgers.length; t++) {
            failedByTopic[t] = ledgers[t].failedSeqs();
        }
        Histogram lostCounts = new Histogram(3);
        long lost = 0;
        long whileAway = 0;
        long gotBack = 0;
        long clientsGotBack = 0;
        for (int i = 0; i < accounting.subscribers(); i++) {
            if (!tracker.wasLost(i) || !accounting.everOpened(i)) {
                continue;
            }
            long lostHere = Math.max(0, accounting.lost(i));
            lost += lostHere;
            lostCounts.recordValue(lostHere);
            if (tracker.wasReopened(i)) {
                // Sequence numbers written while it was away: [sent at loss, sent at reopen). Those the target
                // refused were never published, so they are neither "while away" nor expected back.
                long from = tracker.sentAtLoss(i);
                long to = Math.max(from, tracker.sentAtReopen(i));
                long refused = countIn(failedByTopic[accounting.topic(i)], from, to);
                long received = Math.max(0, (to - from) - accounting.missingBetween(i, from, to));
                whileAway += to - from - refused;
                gotBack += received;
                if (received > 0) {
                    clientsGotBack++;
                }
            }
        }
        return new OutageMessages(lost, CountDistribution.of(lostCounts), whileAway, gotBack, clientsGotBack);
    }

    /** How many of the sorted {@code seqs} lie in {@code [from, to)}. */
    private static long countIn(long[] seqs, long from, long to) {
        return insertionPoint(seqs, to) - insertionPoint(seqs, from);
    }

    private static int insertionPoint(long[] sorted, long value) {
        int i = Arrays.binarySearch(sorted, value);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] == value) {
            i--;
        }
        return i;
    }
}
