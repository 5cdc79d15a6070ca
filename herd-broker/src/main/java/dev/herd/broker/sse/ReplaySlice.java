package dev.herd.broker.sse;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * What an SSE subscriber reconnecting with {@code Last-Event-ID} gets before live events: the encoded chunks
 * of the events it missed (it owns one reference to each), and whether older ones were already gone.
 *
 * @param chunks     encoded event chunks, oldest first
 * @param requested  the {@code Last-Event-ID} asked for
 * @param oldest     the oldest id the buffer held
 * @param lost       how many events after {@code requested} can no longer be replayed (0: nothing lost)
 */
public record ReplaySlice(List<ByteBuf> chunks, long requested, long oldest, long lost) {

    /** Nothing to replay. */
    public static final ReplaySlice NONE = new ReplaySlice(List.of(), -1, -1, 0);

    public boolean truncated() {
        return lost > 0;
    }

    /** Releases the chunks; for a slice that will not be written. */
    public void release() {
        for (ByteBuf chunk : chunks) {
            chunk.release();
        }
    }
}
