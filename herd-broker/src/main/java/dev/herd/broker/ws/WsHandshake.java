package dev.herd.broker.ws;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The server side of the RFC 6455 §4.2 opening handshake, version 13.
 *
 * <p>The target answers the handshake itself rather than through Netty's {@code WebSocketServerHandshaker}
 * because the 101 must be written in the same event-loop task that registers the subscriber, and the HTTP
 * codec must leave the pipeline right after it, before the first pre-encoded frame (a raw {@code ByteBuf} the
 * HTTP encoder would reject). Netty's handshaker removes the codec only once the 101 is flushed.
 */
public final class WsHandshake {

    /** RFC 6455 §1.3. */
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WsHandshake() {
    }

    /** What is wrong with {@code request} as a version-13 opening handshake, or null when nothing is. */
    public static String problemWith(HttpRequest request) {
        HttpHeaders headers = request.headers();
        if (!HttpMethod.GET.equals(request.method())) {
            return "a WebSocket handshake must be a GET, was " + request.method();
        }
        if (!headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            return "not a WebSocket handshake: missing 'Upgrade: websocket'";
        }
        if (!headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            return "not a WebSocket handshake: missing 'Connection: Upgrade'";
        }
        if (!"13".equals(headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            return "unsupported Sec-WebSocket-Version '" + headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION)
                    + "' (supported: 13)";
        }
        String key = headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (key == null || !isNonce(key.trim())) {
            return "missing or malformed Sec-WebSocket-Key";
        }
        return null;
    }

    /** Whether the handshake problem is the version: the reply then names the version we speak. */
    public static boolean isVersionProblem(HttpRequest request) {
        return !"13".equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION));
    }

    /** The 101 response to a valid handshake. */
    public static FullHttpResponse switchingProtocols(HttpRequest request) {
        String key = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY).trim();
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
        response.headers()
                .set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
                .set(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT, acceptKey(key));
        return response;
    }

    /** {@code base64(SHA-1(key + GUID))}, RFC 6455 §4.2.2. */
    static String acceptKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** The key must be a base64-encoded 16-byte nonce (RFC 6455 §4.1). */
    private static boolean isNonce(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
