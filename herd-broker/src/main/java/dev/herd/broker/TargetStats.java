package dev.herd.broker;

import dev.herd.broker.pubsub.SlowSubscriberPolicy;

/**
 * A snapshot of the target's counters, the same figures as {@code GET /stats}. Counters are read one by one
 * while the target runs, so figures that are related (open, closed, accepted) may be a moment apart.
 *
 * @param connections   connections by state
 * @param messages      messages in and out
 * @param bytesQueued   bytes waiting in subscribers' outbound buffers now
 * @param topics        topics that exist (created by a first subscribe or publish, never removed)
 * @param slowPolicy    the configured slow-subscriber policy
 * @param uptimeMillis  time since the target started
 */
public record TargetStats(Connections connections, Messages messages, long bytesQueued, int topics,
                          SlowSubscriberPolicy slowPolicy, long uptimeMillis) {

    /**
     * @param open      open now, by kind
     * @param accepted  TCP connections accepted since start (refused ones included)
     * @param refused   connections above {@code maxConnections}, answered 503
     * @param closed    connections closed since start, by cause
     */
    public record Connections(Open open, long accepted, long refused, Closed closed) {
    }

    /** Open connections: WebSocket subscribers, SSE streams, and everything else (HTTP). */
    public record Open(long ws, long sse, long http) {
        public long total() {
            return ws + sse + http;
        }
    }

    /** Closed connections by cause; see {@code dev.herd.broker.connection.CloseCause}. */
    public record Closed(long client, long restart, long dropFault, long slowDisconnect, long queueOverflow,
                         long protocolError, long error) {
        public long total() {
            return client + restart + dropFault + slowDisconnect + queueOverflow + protocolError + error;
        }
    }

    /**
     * @param in          messages published (HTTP POST and WebSocket client frames)
     * @param deliveries  messages written to a subscriber (replay not included)
     * @param deliveriesCompressed  those of {@code deliveries} written as permessage-deflate frames
     * @param dropped     deliveries skipped by the drop policy or the message-drop fault
     * @param replayed    events replayed to SSE subscribers from a topic's buffer
     */
    public record Messages(long in, long deliveries, long deliveriesCompressed, long dropped, long replayed) {
    }

    /** The {@code GET /stats} body. */
    public String toJson() {
        Open o = connections.open();
        Closed c = connections.closed();
        return "{\"connections\":{"
                + "\"open\":{\"ws\":" + o.ws() + ",\"sse\":" + o.sse() + ",\"http\":" + o.http() + "},"
                + "\"accepted\":" + connections.accepted() + ",\"refused\":" + connections.refused() + ","
                + "\"closed\":{\"client\":" + c.client() + ",\"restart\":" + c.restart()
                + ",\"drop_fault\":" + c.dropFault() + ",\"slow_disconnect\":" + c.slowDisconnect()
                + ",\"queue_overflow\":" + c.queueOverflow() + ",\"protocol_error\":" + c.protocolError()
                + ",\"error\":" + c.error() + "}},"
                + "\"messages\":{\"in\":" + messages.in() + ",\"deliveries\":" + messages.deliveries()
                + ",\"deliveries_compressed\":" + messages.deliveriesCompressed()
                + ",\"dropped\":" + messages.dropped() + ",\"replayed\":" + messages.replayed() + "},"
                + "\"bytes_queued\":" + bytesQueued + ",\"topics\":" + topics
                + ",\"slow_policy\":\"" + slowPolicy.jsonName() + "\",\"uptime_ms\":" + uptimeMillis + "}";
    }
}
