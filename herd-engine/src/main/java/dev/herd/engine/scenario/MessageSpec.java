package dev.herd.engine.scenario;

/**
 * What the publisher sends.
 *
 * @param sizeBytes message size (the stamp plus padding, or the template filled to this size)
 * @param template payload template with {@code {{stamp}}} (and optionally {@code {{padding}}}); null for the default
 * @param binary send WebSocket binary frames instead of text frames
 * @param contentType Content-Type of HTTP POST publishes
 * @param httpConnections HTTP publish connections (POST publishing only)
 * @param httpMaxInFlight requests pipelined on one HTTP publish connection
 */
public record MessageSpec(int sizeBytes, String template, boolean binary, String contentType, int httpConnections,
                          int httpMaxInFlight) {

    public MessageSpec {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("message size must not be negative");
        }
        if (httpConnections < 1 || httpMaxInFlight < 1) {
            throw new IllegalArgumentException("publish connections and requests in flight must be at least 1");
        }
    }

    public static MessageSpec defaults() {
        return new MessageSpec(128, null, false, "text/plain; charset=utf-8", 8, 1);
    }

    public MessageSpec withSize(int bytes) {
        return new MessageSpec(bytes, template, binary, contentType, httpConnections, httpMaxInFlight);
    }
}
