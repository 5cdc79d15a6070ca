package dev.herd.engine.scenario.reconnectstorm;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionEvents;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * Follows every subscriber through the storm from the disruption instant t0: when it lost its connection, how many
 * attempts it made, when it was open again, and its topic's {@code sent()} at both moments (for the replay figures).
 * The session callbacks run on the event loops: each is a few reads and writes of atomic array slots, without
 * allocation or lock; the control thread reads the figures.
 *
 * <pre>{@code
 * RecoveryTracker tracker = new RecoveryTracker(subscribers, topic -> ledgers[topic].sent(), bins);
 * ctx.addSessionEvents(tracker);
 * tracker.start(System.nanoTime());   // t0, just before disrupting
 * ...
 * tracker.stop();
 * Double p95 = tracker.recoveredMs(0.95);
 * }</pre>
 */
final class RecoveryTracker implements SessionEvents {

    static final long BIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int BINS_PER_SECOND = 10;
    /** With losses still possible (a command that drops some clients), the storm is over after this long without one. */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final IntToLongFunction sentOfTopic;
    // Nanoseconds since t0 plus one, so 0 can mean "not yet".
    private final AtomicLongArray lostAt;
    private final AtomicLongArray reopenedAt;
    private final AtomicIntegerArray attempts;
    private final AtomicLongArray sentAtLoss;
    private final AtomicLongArray sentAtReopen;
    private final AtomicIntegerArray bins;
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicInteger reopened = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private final AtomicLong lastLossNanos = new AtomicLong();
    private volatile long t0Nanos;
    private volatile boolean watching;

    /**
     * @param subscribers subscribers followed (indexes 0 to subscribers − 1; later ones are ignored)
     * @param sentOfTopic a topic's {@code TopicLedger.sent()}; called on the loops
     * @param binCount 100 ms bins of attempts kept from t0 (later attempts are not binned)
     */
    RecoveryTracker(int subscribers, IntToLongFunction sentOfTopic, int binCount) {
        this.sentOfTopic = sentOfTopic;
        lostAt = new AtomicLongArray(subscribers);
        reopenedAt = new AtomicLongArray(subscribers);
        attempts = new AtomicIntegerArray(subscribers);
        sentAtLoss = new AtomicLongArray(subscribers);
        sentAtReopen = new AtomicLongArray(subscribers);
        bins = new AtomicIntegerArray(Math.max(1, binCount));
    }

    /** Starts watching: t0 is the disruption instant ({@link System#nanoTime()}). */
    void start(long t0) {
        t0Nanos = t0;
        lastLossNanos.set(t0);
        watching = true;
    }

    /** Stops watching: events after this are not the storm's. */
    void stop() {
        watching = false;
    }

    @Override
    public void onLost(ClientSession session, long nowNanos) {
        lost(session.index(), session.topicIndex(), nowNanos);
    }

    @Override
    public void onAttempt(ClientSession session, int attempt, long nowNanos) {
        attempt(session.index(), nowNanos);
    }

    @Override
    public void onOpen(ClientSession session, boolean reopenedNow, long nowNanos) {
        opened(session.index(), session.topicIndex(), nowNanos);
    }

    @Override
    public void onGaveUp(ClientSession session, long nowNanos) {
        int i = session.index();
        if (watching && i < lostAt.length() && lostAt.get(i) != 0 && reopenedAt.get(i) == 0) {
            gaveUp.incrementAndGet();
        }
    }

    /** Subscriber {@code index} lost its connection; only its first loss after t0 counts. */
    void lost(int index, int topic, long nowNanos) {
        if (!watching || index >= lostAt.length()) {
            return;
        }
        if (lostAt.compareAndSet(index, 0, nowNanos - t0Nanos + 1)) {
            sentAtLoss.set(index, sentOfTopic.applyAsLong(topic));
            lastLossNanos.accumulateAndGet(nowNanos, Math::max);
            lost.incrementAndGet();
        }
    }

    /** An attempt of subscriber {@code index} starts (the session's own attempt number is not used). */
    void attempt(int index, long nowNanos) {
        if (!watching || index >= lostAt.length() || lostAt.get(index) == 0 || reopenedAt.get(index) != 0) {
            return;
        }
        // Counted here rather than taken from the session's attempt number, which after a loss starts at 2
        // (the loss itself counts as the first failure there).
        attempts.incrementAndGet(index);
        long bin = (nowNanos - t0Nanos) / BIN_NANOS;
        if (bin >= 0 && bin < bins.length()) {
            bins.incrementAndGet((int) bin);
        }
    }

    /** Subscriber {@code index} is open; counts when it is its first open after its loss. */
    void opened(int index, int topic, long nowNanos) {
        if (!watching || index >= lostAt.length() || lostAt.get(index) == 0) {
            return;
        }
        if (reopenedAt.compareAndSet(index, 0, nowNanos - t0Nanos + 1)) {
            sentAtReopen.set(index, sentOfTopic.applyAsLong(topic));
            reopened.incrementAndGet();
        }
    }

    int lost() {
        return lost.get();
    }

    int reopened() {
        return reopened.get();
    }

    int gaveUp() {
        return gaveUp.get();
    }

    /** Every lost client is open again or gave up (and at least one was lost). */
    boolean allBack() {
        int l = lost.get();
        return l > 0 && reopened.get() + gaveUp.get() >= l;
    }

    /**
     * The storm is over: every lost client is back, and either every client open at t0 was lost or no loss came
     * for a while (a disruption that drops only some clients).
     */
    boolean over(long openAtT0, long nowNanos) {
        return allBack() && (lost.get() >= openAtT0 || nowNanos - lastLossNanos.get() >= QUIET_NANOS);
    }

    boolean wasLost(int index) {
        return index < lostAt.length() && lostAt.get(index) != 0;
    }

    boolean wasReopened(int index) {
        return index < reopenedAt.length() && reopenedAt.get(index) != 0;
    }

    long sentAtLoss(int index) {
        return sentAtLoss.get(index);
    }

    long sentAtReopen(int index) {
        return sentAtReopen.get(index);
    }

    /** Milliseconds from t0 until {@code fraction} of the lost clients were open again; null if that never happened. */
    Double recoveredMs(double fraction) {
        int l = lost.get();
        long[] times = reopenTimesSorted();
        int k = (int) Math.ceil(fraction * l - 1e-9);
        if (l == 0 || k < 1 || k > times.length) {
            return null;
        }
        return Math.round(times[k - 1] / 1e5) / 10.0;
    }

    private long[] reopenTimesSorted() {
        long[] times = new long[reopenedAt.length()];
        int n = 0;
        for (int i = 0; i < reopenedAt.length(); i++) {
            long t = reopenedAt.get(i);
            if (t != 0) {
                times[n++] = t - 1;
            }
        }
        long[] sorted = Arrays.copyOf(times, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Attempts per 100 ms from t0, for the bins that began before {@code untilNanos}. */
    List<AttemptBin> bins(long untilNanos) {
        int n = binsBefore(untilNanos);
        List<AttemptBin> list = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            list.add(new AttemptBin(b * BIN_NANOS / 1_000_000, bins.get(b)));
        }
        return list;
    }

    /** The most attempts in any 1 s window of 100 ms bins (fewer bins when the storm was shorter). */
    long peakAttemptsPerSecond(long untilNanos) {
        int n = binsBefore(untilNanos);
        long window = 0;
        long peak = 0;
        for (int b = 0; b < n; b++) {
            window += bins.get(b);
            if (b >= BINS_PER_SECOND) {
                window -= bins.get(b - BINS_PER_SECOND);
            }
            peak = Math.max(peak, window);
        }
        return peak;
    }

    /** Attempts in every bin. */
    long attemptsTotal() {
        long sum = 0;
        for (int b = 0; b < bins.length(); b++) {
            sum += bins.get(b);
        }
        return sum;
    }

    /** Attempts each client made until it was open again, over the clients that were. */
    CountDistribution attemptsPerClient() {
        Histogram h = new Histogram(3);
        for (int i = 0; i < reopenedAt.length(); i++) {
            if (reopenedAt.get(i) != 0) {
                h.recordValue(attempts.get(i));
            }
        }
        return CountDistribution.of(h);
    }

    private int binsBefore(long untilNanos) {
        long n = (untilNanos - t0Nanos + BIN_NANOS - 1) / BIN_NANOS;
        return (int) Math.max(0, Math.min(n, bins.length()));
    }
}
