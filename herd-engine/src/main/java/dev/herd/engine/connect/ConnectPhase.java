package dev.herd.engine.connect;

import dev.herd.engine.metrics.HistogramId;

/**
 * The timed phases of establishing a client connection (DESIGN.md, "Measurement rules").
 *
 * <p>{@code DNS}: name resolution (zero for an IP literal); {@code TCP}: connect call to established;
 * {@code TLS}: handshake (wss/https only); {@code UPGRADE}: request sent to 101 (WebSocket) or to the
 * response headers (SSE); {@code SUBSCRIBE}: the upgrade done to the subscription acknowledged (protocols with a
 * subscribe handshake only); {@code FIRST_MESSAGE}: open to the first message (subscribers only);
 * {@code TOTAL}: start of the attempt to open.
 */
public enum ConnectPhase {
    DNS("dns", HistogramId.CONNECT_DNS),
    TCP("tcp", HistogramId.CONNECT_TCP),
    TLS("tls", HistogramId.CONNECT_TLS),
    UPGRADE("upgrade", HistogramId.CONNECT_UPGRADE),
    SUBSCRIBE("subscribe", HistogramId.CONNECT_SUBSCRIBE),
    FIRST_MESSAGE("first_message", HistogramId.CONNECT_FIRST_MESSAGE),
    TOTAL("total", HistogramId.CONNECT_TOTAL);

    private static final ConnectPhase[] VALUES = values();

    private final String key;
    private final HistogramId histogram;

    ConnectPhase(String key, HistogramId histogram) {
        this.key = key;
        this.histogram = histogram;
    }

    /** The key of this phase in summary.json's {@code connect} section. */
    public String key() {
        return key;
    }

    public HistogramId histogram() {
        return histogram;
    }

    public static ConnectPhase ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }
}
