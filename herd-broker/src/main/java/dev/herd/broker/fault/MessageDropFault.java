package dev.herd.broker.fault;

import dev.herd.broker.pubsub.TopicRegistry;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /admin/drop-messages?topic=T&count=K}: the next K deliveries of topic T to one subscriber, the
 * one that subscribed to T first among those still connected, are silently skipped (counted in
 * {@code dropped}); every other subscriber keeps receiving. A message a WebSocket subscriber published
 * itself is not a delivery to it (unless echo is on), so it does not use up one of the K.
 */
public final class MessageDropFault {

    private final TopicRegistry topics;

    public MessageDropFault(TopicRegistry topics) {
        this.topics = topics;
    }

    /** Completes with the chosen subscriber's {@code host:port}, or empty when the topic has no subscriber. */
    public CompletableFuture<Optional<String>> dropNext(String topic, int count) {
        return topics.skipDeliveries(topic, count);
    }
}
