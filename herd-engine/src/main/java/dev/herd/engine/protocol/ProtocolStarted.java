package dev.herd.engine.protocol;

/**
 * The user event that starts a protocol stage: the WebSocket upgrade is done, the subscribe (or, for a publisher, the
 * connect) handshake may begin.
 */
public enum ProtocolStarted {
    INSTANCE
}
