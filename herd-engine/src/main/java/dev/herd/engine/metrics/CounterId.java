package dev.herd.engine.metrics;

/** Every counter herd keeps per event loop; the reporter sums them across loops. */
public enum CounterId {
    /** Subscriber connection attempts started, first attempts and reconnects alike. */
    CONNECT_ATTEMPTS,
    /** Attempts that reached open. */
    CONNECTS,
    /** Attempts that failed; by phase and reason in {@link LoopMetrics#failures(dev.herd.engine.connect.ConnectPhase, dev.herd.engine.connect.FailureReason)}. */
    CONNECT_FAILURES,
    /** Reconnect attempts started (a subset of {@link #CONNECT_ATTEMPTS}). */
    RECONNECT_ATTEMPTS,
    /** Reconnects that reached open. */
    RECONNECTS,
    /** Open connections the target closed (close frame, end of stream, EOF). */
    CLOSED_BY_SERVER,
    /** Open connections that ended with an error (reset, protocol error). */
    CLOSED_BY_ERROR,
    /** Open connections herd closed on purpose (end of run, client-side drop). */
    CLOSED_BY_CLIENT,
    /** Subscriber TLS handshakes that verified the server's certificate: full handshakes. */
    TLS_FULL,
    /** Subscriber TLS handshakes that resumed the client's previous session (no certificate sent). */
    TLS_RESUMED,
    /** Subscriber TLS handshakes that ended in TLS 1.3. */
    TLS_1_3,
    /** Subscriber TLS handshakes that ended in TLS 1.2. */
    TLS_1_2,
    /** Subscriber TLS handshakes in any other version (herd offers none). */
    TLS_OTHER_VERSION,
    /** Open connections now (goes up and down). */
    OPEN,
    /** Publisher connections that reached open (publishers are counted apart from the clients under test). */
    PUBLISHER_CONNECTS,
    /** Publisher connection attempts that failed. */
    PUBLISHER_CONNECT_FAILURES,
    /** Open publisher connections that were lost. */
    PUBLISHER_DISCONNECTS,
    /** Messages the publisher handed to the target and saw accepted (WebSocket write done, HTTP 2xx). */
    PUBLISHED,
    /** Messages the publisher could not get accepted (write failed, HTTP error, no connection). */
    PUBLISH_FAILED,
    /** Messages not sent at all because no publisher connection was open at their intended time. */
    PUBLISH_SKIPPED,
    /** Frames or SSE events received by subscribers. */
    RECEIVED_MESSAGES,
    /** Bytes of payload received by subscribers. */
    RECEIVED_BYTES,
    /** Valid stamps of this run received (each stamp of a batched frame counts). */
    RECEIVED_STAMPS,
    /** Received messages without a stamp (heartbeats, server notices, other traffic). */
    UNSTAMPED_MESSAGES,
    /** {@code ~h1.} prefixes whose fields did not parse. */
    MALFORMED_STAMPS,
    /** Stamps of another run (e.g. replayed from a server's history): counted apart, never measured. */
    OTHER_RUN_STAMPS,
    /** Stamps of this run for a topic the subscriber is not on. */
    FOREIGN_TOPIC_STAMPS,
    /** Stamps of messages published before the subscriber joined the run (e.g. a server replaying history). */
    BEFORE_JOIN_STAMPS,
    DUPLICATED,
    REORDERED,
    /** Latencies below zero (clock skew between hosts), recorded as zero. */
    NEGATIVE_LATENCY;

    private static final CounterId[] VALUES = values();

    public static CounterId ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }
}
