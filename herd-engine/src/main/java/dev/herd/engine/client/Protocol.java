package dev.herd.engine.client;

/** The protocol a client speaks to the target. */
public enum Protocol {
    WEBSOCKET("websocket"),
    SSE("sse"),
    /** HTTP POST, used by publishers only. */
    HTTP_POST("http");

    private final String key;

    Protocol(String key) {
        this.key = key;
    }

    /** The name used in summary.json ({@code target.protocol}). */
    public String key() {
        return key;
    }
}
