package dev.herd.engine.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;

/**
 * A client's opening handshake (RFC 6455 §4.1), written as bytes straight into one buffer: no request or header
 * objects, nothing for an HTTP encoder to do. The run's own headers follow herd's; one named {@code Host} or
 * {@code Origin} takes the place of herd's (a server that checks the origin sees the one asked for, once), any other
 * is added as given.
 *
 * <pre>{@code
 * GET /ws/topic-3 HTTP/1.1
 * Host: 127.0.0.1:8080
 * Upgrade: websocket
 * Connection: Upgrade
 * Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==
 * Sec-WebSocket-Version: 13
 * Origin: http://127.0.0.1:8080
 * Sec-WebSocket-Protocol: v12.stomp,v11.stomp          (when offered)
 * Sec-WebSocket-Extensions: permessage-deflate; ...    (when offered)
 * Authorization: Bearer ...                            (the run's headers)
 * }</pre>
 *
 * @param target       path and query, as in the request line
 * @param host         the {@code Host} value
 * @param origin       the {@code Origin} value
 * @param subprotocols the {@code Sec-WebSocket-Protocol} offer, or null for none
 * @param extensions   the {@code Sec-WebSocket-Extensions} offer, or null for none
 * @param headers      the run's (or this client's) headers, already checked as HTTP allows
 */
record WsUpgradeRequest(String target, String host, String origin, String subprotocols, String extensions,
                        HttpHeaders headers) {

    private static final String HOST = "Host";
    private static final String ORIGIN = "Origin";

    /** The request with {@code key} as its {@code Sec-WebSocket-Key}, in a buffer from {@code alloc}. */
    ByteBuf encode(ByteBufAllocator alloc, String key) {
        ByteBuf out = alloc.buffer(256 + target.length() + 32 * headers.size());
        boolean ownHost = false;
        boolean ownOrigin = false;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            CharSequence name = it.next().getKey();
            ownHost |= AsciiString.contentEqualsIgnoreCase(name, HOST);
            ownOrigin |= AsciiString.contentEqualsIgnoreCase(name, ORIGIN);
        }
        ascii(out, "GET ").ascii(out, target).ascii(out, " HTTP/1.1\r\n");
        if (!ownHost) {
            header(out, HOST, host);
        }
        ascii(out, "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ").ascii(out, key)
                .ascii(out, "\r\nSec-WebSocket-Version: 13\r\n");
        if (!ownOrigin) {
            header(out, ORIGIN, origin);
        }
        if (subprotocols != null) {
            header(out, "Sec-WebSocket-Protocol", subprotocols);
        }
        if (extensions != null) {
            header(out, "Sec-WebSocket-Extensions", extensions);
        }
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> h = it.next();
            header(out, h.getKey(), h.getValue());
        }
        out.writeByte('\r').writeByte('\n');
        return out;
    }

    private void header(ByteBuf out, CharSequence name, CharSequence value) {
        ascii(out, name).ascii(out, ": ").ascii(out, value).ascii(out, "\r\n");
    }

    /** Writes as HTTP/1.1 puts header text on the wire: one byte per character (ISO-8859-1). */
    private WsUpgradeRequest ascii(ByteBuf out, CharSequence text) {
        ByteBufUtil.writeAscii(out, text);
        return this;
    }
}
