package dev.herd.engine.receive;

import io.netty.util.internal.PlatformDependent;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory all of a run's connections together may hold in messages they have only partly received. Each buffer
 * on the receive path (a WebSocket frame being read, a message being reassembled, an SSE line or event) holds up to
 * {@link #FREE_BYTES_PER_BUFFER} without asking; beyond that it draws on this run-wide budget, and a buffer that
 * cannot draw fails its connection ({@code local_receive_budget}). So a target that sends endless lines to ten
 * thousand connections costs herd at most the budget, not ten thousand times {@code --max-message-bytes}.
 *
 * <pre>{@code
 * ReceiveBudget budget = new ReceiveBudget(256L << 20);
 * ReceiveBudget.Share share = budget.share();     // one per buffer, used from its event loop
 * if (!share.hold(buffer.readableBytes())) { fail the connection }
 * share.release();                                // when the buffer is emptied or gone
 * }</pre>
 *
 * <p>Small messages never touch the shared counter: only a buffer crossing its allowance does, once per growth.
 */
public final class ReceiveBudget {

    /** What each buffer may hold without drawing on the budget. */
    public static final int FREE_BYTES_PER_BUFFER = 64 * 1024;
    /** The largest budget a run gets when it sets none. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    private final long limitBytes;
    private final AtomicLong drawn = new AtomicLong();
    private final AtomicLong peakDrawn = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();

    public ReceiveBudget(long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("a receive budget cannot be negative: " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    /**
     * The budget when the run sets none: {@link #DEFAULT_MAX_BYTES}, or a quarter of the direct memory this JVM may use
     * when that is less (receive buffers are direct), so the default never promises more than the process has.
     */
    public static long defaultBytes() {
        return Math.min(DEFAULT_MAX_BYTES, PlatformDependent.maxDirectMemory() / 4);
    }

    /** A new share for one buffer, holding nothing. */
    public Share share() {
        return new Share();
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** Bytes drawn now, over every buffer. Any thread. */
    public long drawnBytes() {
        return drawn.get();
    }

    /** The most bytes drawn at once so far. Any thread. */
    public long peakDrawnBytes() {
        return peakDrawn.get();
    }

    /** Times a buffer asked for more than was left. Any thread. */
    public long refusals() {
        return refusals.get();
    }

    /** One buffer's draw on the budget; not thread-safe: the buffer's event loop only. */
    public final class Share {
        private long charged;

        private Share() {
        }

        /**
         * Says the buffer now holds {@code bytes}: draws what lies beyond its allowance, or gives back what it no longer
         * needs. Returns false, drawing nothing more, when the budget cannot cover it.
         */
        public boolean hold(long bytes) {
            long want = Math.max(0, bytes - FREE_BYTES_PER_BUFFER);
            long delta = want - charged;
            if (delta == 0) {
                return true;
            }
            if (delta < 0) {
                drawn.addAndGet(delta);
                charged = want;
                return true;
            }
            long now = drawn.addAndGet(delta);
            if (now > limitBytes) {
                drawn.addAndGet(-delta);
                refusals.incrementAndGet();
                return false;
            }
            peakDrawn.accumulateAndGet(now, Math::max);
            charged = want;
            return true;
        }

        /** Gives back everything this buffer drew. */
        public void release() {
            if (charged != 0) {
                drawn.addAndGet(-charged);
                charged = 0;
            }
        }
    }
}
