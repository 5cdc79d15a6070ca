package dev.herd.engine.receive;

import dev.herd.engine.clock.RunClock;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.metrics.LoopMetrics;
import dev.herd.engine.stamp.SequenceTracker;
import dev.herd.engine.stamp.StampListener;
import dev.herd.engine.stamp.StampScanner;
import io.netty.buffer.ByteBuf;

/**
 * A subscriber's receive path: scans each message's bytes for stamps (whatever envelope the target put
 * around them), accounts every sequence number, and records latency from the intended send time and
 * service time from the actual send time. Allocates nothing per message. Event loop only.
 *
 * <pre>{@code
 * StampReceiver receiver = new StampReceiver(clock, runId, topicIndex, loopMetrics);
 * receiver.onMessage(frame.content());   // for each WebSocket frame or SSE data
 * }</pre>
 */
public final class StampReceiver implements StampListener {

    private final RunClock clock;
    private final long runId;
    private final int topicIndex;
    private final LoopMetrics metrics;
    private final SequenceTracker tracker = new SequenceTracker();
    private HistogramId latencyId = HistogramId.LATENCY;
    private HistogramId serviceTimeId = HistogramId.SERVICE_TIME;
    private long receivedAtNanos;
    private int stampsInMessage;

    public StampReceiver(RunClock clock, long runId, int topicIndex, LoopMetrics metrics) {
        this.clock = clock;
        this.runId = runId;
        this.topicIndex = topicIndex;
        this.metrics = metrics;
    }

    /** Accounts one received message (a WebSocket message or an SSE event's data). Does not release it. */
    public void onMessage(ByteBuf payload) {
        onMessage(payload, payload.readerIndex(), payload.readableBytes());
    }

    /**
     * Accounts one received message held at {@code [index, index + length)} of {@code buf} (a protocol's payload inside
     * its frame); the buffer's indexes are not used or moved.
     */
    public void onMessage(ByteBuf buf, int index, int length) {
        // One clock read per message: batched stamps in one frame arrived together.
        receivedAtNanos = clock.nowNanos();
        stampsInMessage = 0;
        metrics.increment(CounterId.RECEIVED_MESSAGES);
        metrics.add(CounterId.RECEIVED_BYTES, length);
        StampScanner.scan(buf, index, length, this);
        if (stampsInMessage == 0) {
            metrics.increment(CounterId.UNSTAMPED_MESSAGES);
        }
    }

    @Override
    public void onStamp(long stampRunId, int stampTopic, long seq, long intendedNanos, long sentNanos) {
        stampsInMessage++;
        if (stampRunId != runId) {
            metrics.increment(CounterId.OTHER_RUN_STAMPS);
            return;
        }
        if (seq < 0) {
            metrics.increment(CounterId.MALFORMED_STAMPS);
            return;
        }
        if (stampTopic != topicIndex) {
            metrics.increment(CounterId.FOREIGN_TOPIC_STAMPS);
            return;
        }
        SequenceTracker.Outcome outcome = tracker.record(seq);
        if (outcome == SequenceTracker.Outcome.BEFORE_START) {
            metrics.increment(CounterId.BEFORE_JOIN_STAMPS);
            return;
        }
        if (outcome == SequenceTracker.Outcome.DUPLICATE) {
            // A duplicate is counted, never measured twice.
            metrics.increment(CounterId.DUPLICATED);
            return;
        }
        if (outcome == SequenceTracker.Outcome.REORDERED) {
            metrics.increment(CounterId.REORDERED);
        }
        metrics.increment(CounterId.RECEIVED_STAMPS);
        long latency = receivedAtNanos - intendedNanos;
        if (latency < 0) {
            metrics.increment(CounterId.NEGATIVE_LATENCY);
        }
        metrics.recordNanos(latencyId, latency);
        metrics.recordNanos(serviceTimeId, receivedAtNanos - sentNanos);
    }

    @Override
    public void onMalformed() {
        stampsInMessage++;
        metrics.increment(CounterId.MALFORMED_STAMPS);
    }

    /**
     * Records this subscriber's latency and service time into other histograms (e.g. a stalled group kept
     * apart from the healthy ones). Set before the subscriber starts, or on its event loop.
     */
    public void recordInto(HistogramId latency, HistogramId serviceTime) {
        this.latencyId = latency;
        this.serviceTimeId = serviceTime;
    }

    public SequenceTracker tracker() {
        return tracker;
    }

    public int topicIndex() {
        return topicIndex;
    }
}
