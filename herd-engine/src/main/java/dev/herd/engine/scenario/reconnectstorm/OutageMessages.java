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
                // Sequence numbers written while it was away: [sent at loss, sent at reopen). Those herd saw
                // refused and that never arrived were not published, so they are neither "while away" nor expected
                // back (as in the run's own accounting).
                long from = tracker.sentAtLoss(i);
                long to = Math.max(from, tracker.sentAtReopen(i));
                long refused = refusedNotReceived(accounting, i, failedByTopic[accounting.topic(i)], from, to);
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

    /** Of the sorted failed {@code seqs} in {@code [from, to)}, those subscriber {@code index} never received. */
    private static long refusedNotReceived(StageContext.Accounting accounting, int index, long[] seqs, long from,
                                           long to) {
        long count = 0;
        for (int k = insertionPoint(seqs, from); k < seqs.length && seqs[k] < to; k++) {
            count += accounting.missingBetween(index, seqs[k], seqs[k] + 1);
        }
        return count;
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
