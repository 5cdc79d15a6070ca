package dev.herd.engine.metrics;

import dev.herd.engine.connect.ConnectPhase;
import dev.herd.engine.connect.FailureReason;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The metrics one event loop records: a {@link SingleWriterRecorder} per histogram and plain counters.
 *
 * <p>Single writer: only the owning event loop's thread calls the {@code record…}/{@code add…} methods, so
 * counters are written with opaque stores (no CAS, no lock) and read by the reporter thread with opaque
 * loads. Values are microseconds, 3 significant digits, clamped to one hour.
 *
 * <pre>{@code
 * LoopMetrics m = runMetrics.forLoop(ctx.channel().eventLoop());
 * m.recordNanos(HistogramId.LATENCY, nowNanos - intendedNanos);
 * m.increment(CounterId.RECEIVED_STAMPS);
 * }</pre>
 */
public final class LoopMetrics {

    /** One hour in microseconds: the highest value a histogram holds. */
    public static final long HIGHEST_MICROS = 3_600_000_000L;
    public static final int SIGNIFICANT_DIGITS = 3;
    /** WebSocket close codes are 1000-4999; counted by code. */
    public static final int CLOSE_CODE_SLOTS = 5000;
    public static final int HTTP_STATUS_SLOTS = 600;

    private final int index;
    private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[HistogramId.count()];
    /** Values recorded into each recorder so far: the reader skips a recorder that has nothing new. */
    private final AtomicLongArray recordedValues = new AtomicLongArray(HistogramId.count());
    private final AtomicLongArray counters = new AtomicLongArray(CounterId.count());
    private final AtomicLongArray failures = new AtomicLongArray(ConnectPhase.count() * FailureReason.count());
    private final AtomicLongArray httpStatuses = new AtomicLongArray(HTTP_STATUS_SLOTS);
    private final AtomicLongArray closeCodes = new AtomicLongArray(CLOSE_CODE_SLOTS);
    private final AtomicLongArray closes = new AtomicLongArray(FailureReason.count());

    public LoopMetrics(int index) {
        this.index = index;
        for (int i = 0; i < recorders.length; i++) {
            recorders[i] = new SingleWriterRecorder(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
        }
    }

    public int index() {
        return index;
    }

    public void recordMicros(HistogramId id, long micros) {
        int i = id.ordinal();
        recorders[i].recordValue(Math.min(Math.max(micros, 0), HIGHEST_MICROS));
        // Release: a reader that sees this count sees the value in the recorder, so it never skips a value.
        recordedValues.setRelease(i, recordedValues.getPlain(i) + 1);
    }

    /** Records a duration given in nanoseconds, rounded to the nearest microsecond. */
    public void recordNanos(HistogramId id, long nanos) {
        recordMicros(id, (nanos + 500) / 1000);
    }

    public void increment(CounterId id) {
        add(id, 1);
    }

    public void add(CounterId id, long delta) {
        int i = id.ordinal();
        counters.setOpaque(i, counters.getPlain(i) + delta);
    }

    public void recordConnectFailure(ConnectPhase phase, FailureReason reason, int httpStatus) {
        increment(CounterId.CONNECT_FAILURES);
        int i = phase.ordinal() * FailureReason.count() + reason.ordinal();
        failures.setOpaque(i, failures.getPlain(i) + 1);
        if (reason == FailureReason.HTTP_STATUS && httpStatus > 0 && httpStatus < HTTP_STATUS_SLOTS) {
            httpStatuses.setOpaque(httpStatus, httpStatuses.getPlain(httpStatus) + 1);
        }
    }

    /** Counts a close code received from the target (WebSocket close frames). */
    public void recordCloseCode(int code) {
        if (code >= 0 && code < CLOSE_CODE_SLOTS) {
            closeCodes.setOpaque(code, closeCodes.getPlain(code) + 1);
        }
    }

    /** Counts an open connection the target ended (or that broke), by why. */
    public void recordClose(FailureReason reason) {
        int i = reason.ordinal();
        closes.setOpaque(i, closes.getPlain(i) + 1);
    }

    // ---- reader side (reporter thread) ----

    public long counter(CounterId id) {
        return counters.getOpaque(id.ordinal());
    }

    public long failures(ConnectPhase phase, FailureReason reason) {
        return failures.getOpaque(phase.ordinal() * FailureReason.count() + reason.ordinal());
    }

    public long closes(FailureReason reason) {
        return closes.getOpaque(reason.ordinal());
    }

    public long httpStatusCount(int status) {
        return httpStatuses.getOpaque(status);
    }

    public long closeCodeCount(int code) {
        return closeCodes.getOpaque(code);
    }

    /**
     * Values recorded for {@code id} so far. Read before {@link #sampleInterval}: when it has not changed since the
     * last sample, the interval is empty and sampling it (which clears a histogram of about 190 KB) can be skipped.
     */
    public long recordedValues(HistogramId id) {
        return recordedValues.getAcquire(id.ordinal());
    }

    /** Moves this loop's interval histogram for {@code id} into {@code recycled} (which must come from here). */
    public Histogram sampleInterval(HistogramId id, Histogram recycled) {
        return recorders[id.ordinal()].getIntervalHistogram(recycled);
    }
}
