package dev.herd.engine.ws;

import dev.herd.engine.receive.ReceiveBudget;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;

/**
 * Netty's RFC 6455 client handshake, with a frame decoder whose partly read frames draw on the run's receive budget
 * ({@link WsFrameDecoder}). Masks what it sends, refuses masked frames from the server, sends {@code Origin} as
 * browsers do, and leaves closing to herd (no close timeout).
 */
final class WsHandshaker extends WebSocketClientHandshaker13 {

    private final boolean allowExtensions;
    private final ReceiveBudget budget;

    WsHandshaker(URI uri, String subprotocols, boolean allowExtensions, HttpHeaders headers, int maxFrameBytes,
                 ReceiveBudget budget) {
        super(uri, WebSocketVersion.V13, subprotocols, allowExtensions, headers, maxFrameBytes,
                true,   // mask outgoing frames, as RFC 6455 requires of clients
                false,  // do not accept masked frames from the server
                -1);    // close timeout: herd closes the channel itself
        this.allowExtensions = allowExtensions;
        this.budget = budget;
    }

    @Override
    protected WebSocketFrameDecoder newWebsocketDecoder() {
        return new WsFrameDecoder(allowExtensions, maxFramePayloadLength(), budget);
    }
}
