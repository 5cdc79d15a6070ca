package dev.herd.broker.connection;

/** What a connection is used for, as counted under {@code connections.open} in {@code /stats}. */
public enum ConnectionKind {
    /** A WebSocket subscriber (after the 101 response). */
    WS,
    /** An SSE stream (after its response headers). */
    SSE,
    /** Anything else: publishers, {@code /stats} and admin clients, upgrades still in flight. */
    HTTP
}
