package dev.herd.engine.scenario.slowsubscriber;

import dev.herd.engine.scenario.PhaseFigures;
import org.HdrHistogram.Histogram;

/**
 * The run's totals at the four moments of a slow-subscriber timeline (publishing starts, the stall starts, it ends,
 * the drain ends): histogram totals, for the figures of each window between two moments, and each topic's next
 * sequence number, for which messages were published in a window. A moment not reached (the run was aborted)
 * takes the figures of the one before, so its windows are empty. Control thread only.
 *
 * <pre>{@code
 * record.mark(StallRecord.STALL, totals, sentSeqs);
 * PhaseFigures during = record.window(0, StallRecord.STALL, StallRecord.RESUME);
 * }</pre>
 */
final class StallRecord {

    static final int START = 0;
    static final int STALL = 1;
    static final int RESUME = 2;
    static final int END = 3;

    private final Histogram[][] totals = new Histogram[4][];
    private final long[][] seqs = new long[4][];

    StallRecord(int topics, int histograms) {
        totals[START] = new Histogram[histograms];
        for (int k = 0; k < histograms; k++) {
            totals[START][k] = new Histogram(3);
        }
        seqs[START] = new long[topics];
    }

    /** Records the totals and next sequence numbers at {@code moment}. */
    void mark(int moment, Histogram[] totalsNow, long[] seqsNow) {
        totals[moment] = totalsNow;
        seqs[moment] = seqsNow;
    }

    /** Histogram {@code k}'s figures between two moments. */
    PhaseFigures window(int k, int from, int to) {
        return PhaseFigures.between(totalsAt(from)[k], totalsAt(to)[k]);
    }

    /** Histogram {@code k}'s values recorded between two moments (microseconds). */
    Histogram histogram(int k, int from, int to) {
        Histogram h = totalsAt(to)[k].copy();
        h.subtract(totalsAt(from)[k]);
        return h;
    }

    /** Histogram {@code k}'s run total at a moment. */
    Histogram total(int k, int moment) {
        return totalsAt(moment)[k];
    }

    /** The first sequence number of {@code topic} published from {@code moment} on. */
    long seq(int topic, int moment) {
        for (int m = moment; m >= START; m--) {
            if (seqs[m] != null) {
                return seqs[m][topic];
            }
        }
        return 0;
    }

    private Histogram[] totalsAt(int moment) {
        for (int m = moment; m >= START; m--) {
            if (totals[m] != null) {
                return totals[m];
            }
        }
        return totals[START];
    }
}
