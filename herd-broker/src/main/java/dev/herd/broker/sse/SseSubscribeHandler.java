package dev.herd.broker.sse;

import dev.herd.broker.pubsub.BrokerCounters;
import dev.herd.broker.pubsub.TopicRegistry;
import dev.herd.broker.connection.ConnectionRegistry;
import dev.herd.broker.http.Exchange;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Duration;

/**
 * {@code GET /sse/{topic}}: subscribes the connection, with replay when the request carries a numeric
 * {@code Last-Event-ID}. The response head is written when the subscription is activated on the connection's
 * loop (see {@link SseSubscriber}).
 *
 * <p>A {@code Last-Event-ID} that is not a non-negative decimal number is ignored: no replay, no
 * {@code replay-truncated} event, the stream starts with live events.
 */
public final class SseSubscribeHandler {

    private static final String LAST_EVENT_ID = "Last-Event-ID";

    private final TopicRegistry topics;
    private final ConnectionRegistry connections;
    private final BrokerCounters counters;
    private final Duration retry;
    private final Duration heartbeat;

    public SseSubscribeHandler(TopicRegistry topics, ConnectionRegistry connections, BrokerCounters counters,
                               Duration retry, Duration heartbeat) {
        this.topics = topics;
        this.connections = connections;
        this.counters = counters;
        this.retry = retry;
        this.heartbeat = heartbeat;
    }

    /** Subscribes the connection of {@code request} (headers only) to {@code topic}, a valid topic name. */
    public void subscribe(ChannelHandlerContext ctx, HttpRequest request, String topic, Exchange exchange) {
        long lastEventId = parseLastEventId(request.headers().get(LAST_EVENT_ID));
        SseSubscriber subscriber = new SseSubscriber(ctx.channel(), topic, exchange, this);
        topics.subscribe(topic, subscriber, lastEventId);
    }

    /** The numeric value of a {@code Last-Event-ID} header, or -1 for none or anything else. */
    static long parseLastEventId(String header) {
        if (header == null) {
            return -1;
        }
        String value = header.trim();
        if (value.isEmpty() || value.length() > 18) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(value);
    }

    TopicRegistry topics() {
        return topics;
    }

    ConnectionRegistry connections() {
        return connections;
    }

    BrokerCounters counters() {
        return counters;
    }

    Duration retry() {
        return retry;
    }

    Duration heartbeat() {
        return heartbeat;
    }
}
