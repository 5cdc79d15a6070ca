package dev.herd.engine.protocol.socketio;

import dev.herd.engine.client.TargetUrl;

/**
 * Completes a URL as Socket.IO servers expect a WebSocket client's: the engine's path {@code /socket.io/} when the URL
 * has no path, and {@code EIO=4&transport=websocket} in the query when they are missing. Other query parameters and
 * the template's {@code {topic}}-style placeholders are kept as written.
 *
 * <pre>{@code
 * SocketIoUrl.complete(TargetUrl.parse("ws://127.0.0.1:3000"));
 * // ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket
 * }</pre>
 *
 * <p>A path other than {@code /} is the server's own engine path (its {@code path} option, or a proxy's mount), kept
 * as given; {@code …/socket.io} gets its trailing slash, which the server's path match needs.
 *
 * @see <a href="https://socket.io/docs/v4/engine-io-protocol/#transports">Engine.IO protocol: transports</a>
 */
final class SocketIoUrl {

    static final String DEFAULT_PATH = "/socket.io/";

    private SocketIoUrl() {
    }

    static TargetUrl complete(TargetUrl given) {
        String url = given.template();
        int scheme = url.indexOf("://");
        int authorityStart = scheme < 0 ? 0 : scheme + 3;
        int fragment = url.indexOf('#', authorityStart);
        String tail = fragment < 0 ? "" : url.substring(fragment);
        String head = fragment < 0 ? url : url.substring(0, fragment);
        int query = head.indexOf('?', authorityStart);
        int pathStart = firstOf(head, authorityStart, query < 0 ? head.length() : query);
        String base = head.substring(0, pathStart);
        String path = head.substring(pathStart, query < 0 ? head.length() : query);
        String params = query < 0 ? "" : head.substring(query + 1);

        if (path.isEmpty() || path.equals("/")) {
            path = DEFAULT_PATH;
        } else if (path.endsWith("/socket.io")) {
            path = path + "/";
        }
        StringBuilder q = new StringBuilder(params);
        if (!hasParameter(params, "EIO")) {
            append(q, "EIO=4");
        }
        if (!hasParameter(params, "transport")) {
            append(q, "transport=websocket");
        }
        return TargetUrl.parse(base + path + "?" + q + tail);
    }

    /** Where the path begins: the first {@code /} after the authority, or {@code end} when there is none. */
    private static int firstOf(String url, int from, int end) {
        int slash = url.indexOf('/', from);
        return slash < 0 || slash > end ? end : slash;
    }

    private static boolean hasParameter(String query, String name) {
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if ((eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static void append(StringBuilder query, String pair) {
        if (query.length() > 0 && query.charAt(query.length() - 1) != '&') {
            query.append('&');
        }
        query.append(pair);
    }
}
