package dev.herd.engine.protocol.socketio;

/**
 * The timing of an Engine.IO 4 {@code open} packet
 * ({@code 0{"sid":"…","pingInterval":25000,"pingTimeout":20000,…}}): how often the server pings and how long it
 * waits for the pong. Read once per connection, so text is fine here.
 *
 * <pre>{@code
 * EngineOpenPacket open = EngineOpenPacket.parse("{\"sid\":\"a\",\"pingInterval\":25000,\"pingTimeout\":20000}");
 * long silenceMillis = open.pingIntervalMillis() + open.pingTimeoutMillis();   // then the connection is dead
 * }</pre>
 *
 * @see <a href="https://socket.io/docs/v4/engine-io-protocol/#handshake">Engine.IO protocol: handshake</a>
 */
record EngineOpenPacket(long pingIntervalMillis, long pingTimeoutMillis) {

    /** Parses the JSON after the packet type; throws {@link IllegalArgumentException} naming what is missing. */
    static EngineOpenPacket parse(String json) {
        return new EngineOpenPacket(millis(json, "pingInterval"), millis(json, "pingTimeout"));
    }

    /** How long without a ping means the server is gone, as Socket.IO's own clients reckon it. */
    long silenceLimitMillis() {
        return pingIntervalMillis + pingTimeoutMillis;
    }

    /** The whole number of key {@code "key":} in a flat JSON object. */
    private static long millis(String json, String key) {
        String quoted = '"' + key + '"';
        int at = json.indexOf(quoted);
        if (at < 0) {
            throw new IllegalArgumentException("the Engine.IO open packet has no " + key);
        }
        int i = skipSpace(json, at + quoted.length());
        if (i >= json.length() || json.charAt(i) != ':') {
            throw new IllegalArgumentException("the Engine.IO open packet's " + key + " has no value");
        }
        i = skipSpace(json, i + 1);
        int start = i;
        while (i < json.length() && i - start < 12 && Character.isDigit(json.charAt(i))) {
            i++;
        }
        if (i == start || (i < json.length() && Character.isDigit(json.charAt(i)))) {
            throw new IllegalArgumentException("the Engine.IO open packet's " + key
                    + " is not a number of milliseconds");
        }
        return Long.parseLong(json, start, i, 10);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
