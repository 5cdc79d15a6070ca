package dev.herd.engine.publish;

/**
 * Where a {@link TopicPublisher} hands its messages: a WebSocket publisher connection or an HTTP POST
 * connection. Event loop only (the outlet's loop, which is also the publisher's).
 */
public interface PublishOutlet {

    /**
     * Sends (or queues behind requests in flight) the next message of {@code topicIndex}; its sequence
     * number comes from the topic's {@link TopicLedger} and the stamp's send time is taken when the bytes
     * are written. Returns false when it cannot be sent at all (no open connection): the caller counts it as
     * skipped, not published.
     */
    boolean offer(int topicIndex, long intendedEpochNanos);

    /** Flushes what {@link #offer} wrote; called once per batch, not per message. */
    void flush();
}
