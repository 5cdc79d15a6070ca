package dev.herd.broker.ws;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import java.util.Locale;
import java.util.Map;

/**
 * The target's side of the permessage-deflate negotiation (RFC 7692 §5, §7.1): picks the first offer in a
 * handshake's {@code Sec-WebSocket-Extensions} that the target can honour, and says what to answer.
 *
 * <pre>{@code
 * WsDeflateNegotiation.Agreement deflate = WsDeflateNegotiation.accept(request);   // null: no compression
 * response.headers().set(SEC_WEBSOCKET_EXTENSIONS, deflate.responseHeader());
 * }</pre>
 *
 * <p>The answer always has {@code server_no_context_takeover}, which a server may add unasked (§7.1.1.1): the
 * target compresses each message on its own, so one compressed frame serves every subscriber. It has
 * {@code client_no_context_takeover} when the client offered it (§7.1.1.2 would let the server add it unasked
 * too, but clients such as Netty's default handshaker then reject the whole answer). An offer with
 * {@code server_max_window_bits} is declined: accepting it means compressing with at most that window, and the
 * JDK's deflater always uses 32 KiB (browsers do not send it). A
 * {@code client_max_window_bits} offer is accepted without an answer, so the client may use any window, which
 * the inflater handles.
 */
public final class WsDeflateNegotiation {

    static final String EXTENSION = "permessage-deflate";
    private static final String SERVER_NO_CONTEXT = "server_no_context_takeover";
    private static final String CLIENT_NO_CONTEXT = "client_no_context_takeover";
    private static final String SERVER_MAX_WINDOW = "server_max_window_bits";
    private static final String CLIENT_MAX_WINDOW = "client_max_window_bits";

    /**
     * An accepted offer.
     *
     * @param clientNoContextTakeover the client compresses each message on its own, so the target's inflater
     *                                can start afresh for every message
     */
    public record Agreement(boolean clientNoContextTakeover) {

        /** The {@code Sec-WebSocket-Extensions} value of the 101. */
        public String responseHeader() {
            return EXTENSION + "; " + SERVER_NO_CONTEXT + (clientNoContextTakeover ? "; " + CLIENT_NO_CONTEXT : "");
        }
    }

    private WsDeflateNegotiation() {
    }

    /** The first acceptable permessage-deflate offer of {@code request}, or null when there is none. */
    public static Agreement accept(HttpRequest request) {
        if (!request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)) {
            return null;
        }
        // Several header lines are one comma-separated list (RFC 9110 §5.3).
        String offers = String.join(",", request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS));
        for (WebSocketExtensionData offer : WebSocketExtensionUtil.extractExtensions(offers)) {
            if (EXTENSION.equalsIgnoreCase(offer.name())) {
                Agreement agreement = acceptable(offer.parameters());
                if (agreement != null) {
                    return agreement;
                }
            }
        }
        return null;
    }

    private static Agreement acceptable(Map<String, String> parameters) {
        boolean clientNoContext = false;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey().toLowerCase(Locale.ROOT)) {
                case SERVER_NO_CONTEXT -> {
                    if (value != null) {
                        return null;
                    }
                }
                case CLIENT_NO_CONTEXT -> {
                    if (value != null) {
                        return null;
                    }
                    clientNoContext = true;
                }
                case SERVER_MAX_WINDOW -> {
                    return null;
                }
                case CLIENT_MAX_WINDOW -> {
                    if (value != null && !isWindowBits(value)) {
                        return null;
                    }
                }
                default -> {
                    return null; // an unknown parameter declines the offer (§5.1)
                }
            }
        }
        return new Agreement(clientNoContext);
    }

    private static boolean isWindowBits(String value) {
        return value.matches("[0-9]{1,2}") && Integer.parseInt(value) >= 8 && Integer.parseInt(value) <= 15;
    }
}
