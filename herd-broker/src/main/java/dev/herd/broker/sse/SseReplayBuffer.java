package dev.herd.broker.sse;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * A topic's last {@code capacity} events, kept as the same encoded chunks that live subscribers got, for
 * {@code Last-Event-ID} replay. Used only on the topic's owner loop.
 *
 * <pre>{@code
 * buffer.append(seq, chunk.retain());             // at dispatch, in sequence order
 * ReplaySlice missed = buffer.since(lastEventId, lastSeq);
 * }</pre>
 */
public final class SseReplayBuffer {

    private final long[] ids;
    private final ByteBuf[] chunks;
    private int head;
    private int size;

    public SseReplayBuffer(int capacity) {
        ids = new long[capacity];
        chunks = new ByteBuf[capacity];
    }

    /** Appends an event, taking over one reference to {@code chunk}; evicts (releases) the oldest when full. */
    public void append(long id, ByteBuf chunk) {
        int tail = (head + size) % chunks.length;
        if (size == chunks.length) {
            chunks[head].release();
            head = (head + 1) % chunks.length;
        } else {
            size++;
        }
        ids[tail] = id;
        chunks[tail] = chunk;
    }

    /**
     * The events after {@code lastEventId}, each retained for the caller, plus what was lost when the buffer no
     * longer reaches back that far.
     *
     * @param lastEventId  the client's {@code Last-Event-ID}
     * @param lastId       the topic's last delivered id: nothing after it exists yet
     */
    public ReplaySlice since(long lastEventId, long lastId) {
        if (lastEventId >= lastId) {
            return ReplaySlice.NONE; // nothing missed (or an id this topic never issued)
        }
        long oldest = size == 0 ? lastId + 1 : ids[head];
        long lost = Math.max(0, oldest - (lastEventId + 1));
        List<ByteBuf> missed = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int index = (head + i) % chunks.length;
            if (ids[index] > lastEventId) {
                missed.add(chunks[index].retainedDuplicate());
            }
        }
        return new ReplaySlice(missed, lastEventId, oldest, lost);
    }

    public int size() {
        return size;
    }

    /** Releases every held chunk. */
    public void release() {
        for (int i = 0; i < size; i++) {
            int index = (head + i) % chunks.length;
            chunks[index].release();
            chunks[index] = null;
        }
        size = 0;
    }
}
