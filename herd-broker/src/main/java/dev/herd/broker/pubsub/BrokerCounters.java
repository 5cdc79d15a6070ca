package dev.herd.broker.pubsub;

import java.util.concurrent.atomic.LongAdder;

/** The {@code messages} section of {@code /stats}: written by every event loop, read by snapshots. */
public final class BrokerCounters {

    private final LongAdder in = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder deliveriesCompressed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder replayed = new LongAdder();

    /** A message was published (HTTP POST or a WebSocket client's frame). */
    public void recordIn() {
        in.increment();
    }

    /** A message was written to one subscriber. */
    public void recordDelivery() {
        deliveries.increment();
    }

    /** The delivery just recorded was a permessage-deflate frame. */
    public void recordCompressedDelivery() {
        deliveriesCompressed.increment();
    }

    /** A delivery was skipped by the drop policy or the message-drop fault. */
    public void recordDropped() {
        dropped.increment();
    }

    /** Events were replayed to an SSE subscriber from the topic's ring buffer. */
    public void recordReplayed(int count) {
        replayed.add(count);
    }

    public long in() {
        return in.sum();
    }

    public long deliveries() {
        return deliveries.sum();
    }

    public long deliveriesCompressed() {
        return deliveriesCompressed.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public long replayed() {
        return replayed.sum();
    }
}
