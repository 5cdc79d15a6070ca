package dev.herd.engine.stamp;

import java.util.Arrays;

/**
 * Exact accounting of the sequence numbers one subscriber received on one topic: in order, late, duplicated, lost.
 *
 * <pre>{@code
 * SequenceTracker tracker = new SequenceTracker();
 * // for each stamp of this topic the subscriber receives:
 * if (tracker.record(seq) == SequenceTracker.Outcome.DUPLICATE) { ... }
 * // at the end of the run, with the number of messages published on the topic:
 * long lost = tracker.lost(published);
 * }</pre>
 *
 * <p>Receiving in order costs a comparison and a few counter updates. Sequence numbers still missing below the
 * highest one received are kept as sorted, disjoint ranges {@code [from, to)} in a {@code long[]} that grows only when
 * a new gap opens, so a subscriber that loses nothing never allocates after construction. Not thread-safe: one
 * tracker belongs to the event loop of its subscriber.
 */
public final class SequenceTracker {

    /** What one {@link #record(long)} found. */
    public enum Outcome {
        /** The next sequence number after the highest so far. */
        IN_ORDER,
        /** Higher than the next expected one: the numbers in between are now missing. */
        AFTER_GAP,
        /** Lower than the highest so far and not seen before: it fills (part of) a gap. */
        REORDERED,
        /** Seen before. */
        DUPLICATE,
        /** Below the first sequence number this subscriber was expected to get (published before it joined). */
        BEFORE_START
    }

    private static final long[] NO_GAPS = {};
    private static final int FIRST_CAPACITY_GAPS = 8;

    /** Gap {@code g} is {@code [gaps[2g], gaps[2g + 1])}; ranges are sorted, disjoint and all below the highest. */
    private long[] gaps = NO_GAPS;
    private int gapCount;
    private long highestSeq = -1;
    private long firstSeq;
    private long beforeStart;
    private long received;
    private long duplicated;
    private long reordered;
    private long missing;

    /**
     * Records the receipt of one sequence number.
     *
     * @return how it relates to what was received before
     * @throws IllegalArgumentException if {@code seq} is negative
     */
    public Outcome record(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
        if (seq < firstSeq) {
            beforeStart++;
            return Outcome.BEFORE_START;
        }
        received++;
        if (seq > highestSeq) {
            long next = highestSeq + 1;
            highestSeq = seq;
            if (seq == next) {
                return Outcome.IN_ORDER;
            }
            openGap(next, seq);
            missing += seq - next;
            return Outcome.AFTER_GAP;
        }
        int g = findGap(seq);
        if (g < 0) {
            duplicated++;
            return Outcome.DUPLICATE;
        }
        fillGap(g, seq);
        missing--;
        reordered++;
        return Outcome.REORDERED;
    }

    /**
     * Makes {@code firstSeq} the first sequence number this subscriber is expected to receive: one that joins
     * a topic after messages were already published is not expected to get those. Call before any record.
     */
    public void startAt(long firstSeq) {
        if (received > 0 || beforeStart > 0) {
            throw new IllegalStateException("startAt must come before the first record");
        }
        if (firstSeq < 0) {
            throw new IllegalArgumentException("firstSeq must not be negative: " + firstSeq);
        }
        this.firstSeq = firstSeq;
        this.highestSeq = firstSeq - 1;
    }

    /** The first sequence number this subscriber is expected to receive (0 unless {@link #startAt} moved it). */
    public long firstSeq() {
        return firstSeq;
    }

    /** Stamps below {@link #firstSeq()}: published before the subscriber joined (e.g. replayed history). */
    public long beforeStart() {
        return beforeStart;
    }

    /** Sequence numbers in {@code [from, to)} (clipped to those expected) never received. */
    public long missingBetween(long from, long to) {
        long lo = Math.max(from, firstSeq);
        if (to <= lo) {
            return 0;
        }
        long sum = 0;
        for (int g = 0; g < gapCount; g++) {
            long gapFrom = Math.max(gaps[2 * g], lo);
            long gapTo = Math.min(gaps[2 * g + 1], to);
            if (gapTo > gapFrom) {
                sum += gapTo - gapFrom;
            }
        }
        long tailFrom = Math.max(lo, highestSeq + 1);
        if (to > tailFrom) {
            sum += to - tailFrom;
        }
        return sum;
    }

    /** Whether {@code seq} has been received (at least once). */
    public boolean hasReceived(long seq) {
        return seq >= firstSeq && seq <= highestSeq && findGap(seq) < 0;
    }

    /** Every sequence number recorded, duplicates included. */
    public long received() {
        return received;
    }

    /** Distinct sequence numbers recorded. */
    public long unique() {
        return received - duplicated;
    }

    /** Records of a sequence number already recorded. */
    public long duplicated() {
        return duplicated;
    }

    /** Sequence numbers that arrived after a higher one (each filled a gap). */
    public long reordered() {
        return reordered;
    }

    /** The highest sequence number recorded, or -1 before any. */
    public long highestSeq() {
        return highestSeq;
    }

    /** Sequence numbers below {@link #highestSeq()} not received (yet). */
    public long missing() {
        return missing;
    }

    /** Number of disjoint ranges of missing sequence numbers: what the tracker holds in memory. */
    public int openGaps() {
        return gapCount;
    }

    /**
     * Sequence numbers in {@code [0, published)} never received: the gaps below {@code published} plus any tail
     * after {@link #highestSeq()} that never arrived.
     *
     * @param published how many messages were published on the topic (sequence numbers 0 to published - 1)
     */
    public long lost(long published) {
        checkPublished(published);
        if (published <= firstSeq) {
            return 0;
        }
        if (published > highestSeq) {
            return missing + (published - 1 - highestSeq);
        }
        return missingBelow(published);
    }

    /**
     * Distinct sequence numbers received at or above {@code published}: messages the subscriber saw that the
     * publisher's count does not include yet (or a stamp from a publisher that is not in the count).
     */
    public long beyond(long published) {
        checkPublished(published);
        long from = Math.max(published, firstSeq);
        if (from > highestSeq) {
            return 0;
        }
        long span = highestSeq - from + 1;
        return span - (missing - missingBelow(from));
    }

    @Override
    public String toString() {
        return "SequenceTracker[received=" + received + ", highest=" + highestSeq + ", missing=" + missing
                + ", duplicated=" + duplicated + ", reordered=" + reordered + ", gaps=" + gapCount + "]";
    }

    private static void checkPublished(long published) {
        if (published < 0) {
            throw new IllegalArgumentException("published must not be negative: " + published);
        }
    }

    private long missingBelow(long limit) {
        long sum = 0;
        for (int g = 0; g < gapCount; g++) {
            long from = gaps[2 * g];
            if (from >= limit) {
                break;
            }
            sum += Math.min(gaps[2 * g + 1], limit) - from;
        }
        return sum;
    }

    private void openGap(long from, long to) {
        ensureCapacity(gapCount + 1);
        // New gaps lie above every existing one, so appending keeps the ranges sorted.
        gaps[2 * gapCount] = from;
        gaps[2 * gapCount + 1] = to;
        gapCount++;
    }

    /** Index of the gap holding {@code seq}, or -1. */
    private int findGap(long seq) {
        int low = 0;
        int high = gapCount - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (gaps[2 * mid] > seq) {
                high = mid - 1;
            } else if (gaps[2 * mid + 1] <= seq) {
                low = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private void fillGap(int g, long seq) {
        long from = gaps[2 * g];
        long to = gaps[2 * g + 1];
        if (from == seq && to == seq + 1) {
            System.arraycopy(gaps, 2 * g + 2, gaps, 2 * g, 2 * (gapCount - g - 1));
            gapCount--;
        } else if (from == seq) {
            gaps[2 * g] = seq + 1;
        } else if (to == seq + 1) {
            gaps[2 * g + 1] = seq;
        } else {
            // seq splits [from, to) into [from, seq) and [seq + 1, to).
            ensureCapacity(gapCount + 1);
            System.arraycopy(gaps, 2 * g + 2, gaps, 2 * g + 4, 2 * (gapCount - g - 1));
            gaps[2 * g + 1] = seq;
            gaps[2 * g + 2] = seq + 1;
            gaps[2 * g + 3] = to;
            gapCount++;
        }
    }

    private void ensureCapacity(int gapsNeeded) {
        if (2 * gapsNeeded > gaps.length) {
            // Doubling keeps growth amortised when many gaps open; a loss-free subscriber never gets here.
            int length = Math.max(2 * FIRST_CAPACITY_GAPS, 2 * gaps.length);
            gaps = Arrays.copyOf(gaps, Math.max(length, 2 * gapsNeeded));
        }
    }
}
