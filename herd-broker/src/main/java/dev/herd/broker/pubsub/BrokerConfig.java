package dev.herd.broker.pubsub;

import java.time.Duration;

/**
 * The part of the target's configuration the broker uses.
 *
 * @param slowPolicy      what to do with a subscriber that reads too slowly
 * @param maxQueueBytes   most bytes one subscriber may have waiting in its outbound buffer
 * @param slowTimeout     how long a channel may stay unwritable under {@link SlowSubscriberPolicy#DISCONNECT}
 * @param delayNanos      fixed delay from publish to delivery
 * @param jitterNanos     bound (exclusive) of the uniform random delay added to {@code delayNanos}
 * @param replaySize      events kept per topic for SSE replay
 * @param echo            whether a WebSocket publisher receives its own messages
 */
public record BrokerConfig(
        SlowSubscriberPolicy slowPolicy,
        long maxQueueBytes,
        Duration slowTimeout,
        long delayNanos,
        long jitterNanos,
        int replaySize,
        boolean echo) {
}
