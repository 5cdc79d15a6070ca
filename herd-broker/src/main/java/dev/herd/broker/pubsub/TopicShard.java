package dev.herd.broker.pubsub;

import java.util.ArrayList;
import java.util.List;

/**
 * The subscribers of one topic that live on one event loop. Touched only on that loop: the topic's owner
 * hands it work in tasks, one per message per loop, never one per subscriber.
 */
final class TopicShard {

    private final List<Subscriber> ws = new ArrayList<>();
    private final List<Subscriber> wsDeflate = new ArrayList<>();
    private final List<Subscriber> sse = new ArrayList<>();

    void add(Subscriber subscriber) {
        List<Subscriber> list = listOf(subscriber);
        subscriber.shardIndex = list.size();
        list.add(subscriber);
    }

    /** Removes in O(1) by moving the last subscriber into the gap (order within a shard does not matter). */
    void remove(Subscriber subscriber) {
        int index = subscriber.shardIndex;
        List<Subscriber> list = listOf(subscriber);
        if (index < 0 || index >= list.size() || list.get(index) != subscriber) {
            return;
        }
        Subscriber last = list.remove(list.size() - 1);
        if (last != subscriber) {
            list.set(index, last);
            last.shardIndex = index;
        }
        subscriber.shardIndex = -1;
    }

    /** Writes {@code message} to every subscriber here, then releases this loop's reference to it. */
    void deliver(EncodedMessage message, FanOutWriter writer) {
        try {
            if (message.wsFrame() != null && !ws.isEmpty()) {
                writer.write(message.wsFrame(), ws, message.origin());
            }
            if (message.wsDeflateFrame() != null && !wsDeflate.isEmpty()) {
                writer.writeCompressed(message.wsDeflateFrame(), wsDeflate, message.origin());
            }
            if (!sse.isEmpty()) {
                writer.write(message.sseChunk(), sse, message.origin());
            }
        } finally {
            message.release();
        }
    }

    private List<Subscriber> listOf(Subscriber subscriber) {
        return switch (subscriber.kind()) {
            case WS -> subscriber.deflate() ? wsDeflate : ws;
            case SSE -> sse;
            case HTTP -> throw new IllegalArgumentException("not a subscriber kind: " + subscriber.kind());
        };
    }
}
