package dev.herd.engine.metrics;

/**
 * Every histogram herd records, with its summary.json path and its tag in {@code intervals.hlog}.
 * All hold microseconds (3 significant digits, up to one hour).
 */
public enum HistogramId {
    /** Receive time minus intended send time (open model: no coordinated omission). */
    LATENCY("latency"),
    /** Receive time minus actual send time. */
    SERVICE_TIME("service_time"),
    CONNECT_DNS("connect.dns"),
    CONNECT_TCP("connect.tcp"),
    CONNECT_TLS("connect.tls"),
    CONNECT_UPGRADE("connect.upgrade"),
    /** From the upgrade done to the protocol's subscription acknowledged (protocols with a subscribe handshake). */
    CONNECT_SUBSCRIBE("connect.subscribe"),
    CONNECT_FIRST_MESSAGE("connect.first_message"),
    CONNECT_TOTAL("connect.total"),
    /** The TLS phase of subscriber handshakes that were full (the server's certificate verified). */
    TLS_HANDSHAKE_FULL("tls.handshake.full"),
    /** The TLS phase of subscriber handshakes that resumed the client's previous session. */
    TLS_HANDSHAKE_RESUMED("tls.handshake.resumed"),
    /** From losing an open connection to having it open again. */
    RECONNECT("connect.reconnect"),
    /** Latency of the subscribers a slow-subscriber scenario stalls, kept apart from the healthy ones. */
    SLOW_LATENCY("slow_subscribers.latency"),
    /** Service time of the stalled subscribers. */
    SLOW_SERVICE_TIME("slow_subscribers.service_time"),
    /** How late a periodic task ran on an event loop: the generator's own health. */
    EVENT_LOOP_LAG("generator.event_loop_lag");

    private static final HistogramId[] VALUES = values();

    private final String path;

    HistogramId(String path) {
        this.path = path;
    }

    /** Dotted path in summary.json, also the tag in intervals.hlog. */
    public String path() {
        return path;
    }

    /**
     * True when summary.json has this histogram as an {@code H} object at its path; the event-loop lag is
     * summarised in {@code generator} keys and the stalled group's latency in the slow-subscriber section.
     */
    public boolean inSummary() {
        return this != EVENT_LOOP_LAG && this != SLOW_LATENCY && this != SLOW_SERVICE_TIME;
    }

    /** The last segment of the path, e.g. {@code tcp} for {@code connect.tcp}. */
    public String key() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    public static HistogramId ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }
}
