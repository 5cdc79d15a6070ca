package dev.herd.engine.ws;

import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.connect.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import java.util.List;
import java.util.Map;

/**
 * A WebSocket client's opening handshake (RFC 6455 §4.1), ahead of the frame codec in the pipeline: writes the
 * request ({@link WsUpgradeRequest}), reads the head of the answer ({@link WsUpgradeResponse}) and checks it, then
 * leaves the pipeline and passes whatever followed the head on to the frame decoder. Written here rather than taken
 * from Netty's HTTP codec and handshaker: a connect storm made the JIT compile that machinery in every run, and each
 * connection built request, response and header objects and changed its pipeline four times; this writes one buffer,
 * keeps a line of bytes and leaves the pipeline once.
 *
 * <p>A status other than 101 is the target's refusal ({@code http_NNN}); a 101 without {@code Upgrade: websocket}, the
 * {@code Upgrade} token in {@code Connection} or the right {@code Sec-WebSocket-Accept}, or one choosing a subprotocol
 * or extension herd did not offer, is {@code handshake_invalid}. A server may answer an offer of subprotocols without
 * choosing one, as browsers allow. permessage-deflate (RFC 7692), when offered, is negotiated with Netty's extension
 * handshaker, whose decoder and encoder then sit just before herd's handler.
 */
final class WsUpgradeHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "ws-upgrade";
    private static final String DEFLATE_DECODER = "ws-deflate-decoder";
    private static final String DEFLATE_ENCODER = "ws-deflate-encoder";

    /** What becomes of an upgrade; called on the channel's loop, once per request. */
    interface Outcome {
        /** The 101 was right; this handler has left the pipeline (any extension's codec has joined it). */
        void upgraded();

        /** The server answered with another status: its refusal. */
        void refused(int status);

        /** The answer broke the handshake's rules ({@code handshake_invalid}, {@code http_malformed}, ...). */
        void broken(ProtocolViolation why);
    }

    private final Outcome outcome;
    private final WsUpgradeRequest request;
    /** permessage-deflate's negotiation when it is offered, else null. */
    private final PerMessageDeflateClientExtensionHandshaker deflate;
    private String key;
    /** The answer being read: null before the request is sent and once the answer is settled. */
    private WsUpgradeResponse head;

    /**
     * {@code deflate}: permessage-deflate's negotiation, whose offer {@code request} carries ({@link #offer}), or
     * null.
     */
    WsUpgradeHandler(Outcome outcome, WsUpgradeRequest request, PerMessageDeflateClientExtensionHandshaker deflate) {
        this.outcome = outcome;
        this.request = request;
        this.deflate = deflate;
    }

    /** The {@code Sec-WebSocket-Extensions} value offering what {@code deflate} negotiates. */
    static String offer(PerMessageDeflateClientExtensionHandshaker deflate) {
        WebSocketExtensionData data = deflate.newRequestData();
        StringBuilder s = new StringBuilder(data.name());
        for (Map.Entry<String, String> p : data.parameters().entrySet()) {
            s.append("; ").append(p.getKey());
            if (p.getValue() != null) {
                s.append('=').append(p.getValue());
            }
        }
        return s.toString();
    }

    /** Sends the request; called once the connection (and its TLS) is up. */
    void start(Channel channel) {
        key = WsUpgradeKey.newKey();
        head = new WsUpgradeResponse();
        // A failed write fires exceptionCaught down the pipeline, which fails the attempt: no listener needed.
        channel.writeAndFlush(request.encode(channel.alloc(), key), channel.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        WsUpgradeResponse response = head;
        if (response == null) {
            in.release(); // unasked for, or what follows a refusal's head: not read
            return;
        }
        try {
            if (!response.read(in)) {
                in.release();
                return;
            }
        } catch (ProtocolViolation e) {
            in.release();
            head = null;
            outcome.broken(e);
            return;
        }
        head = null;
        if (response.status() != 101) {
            in.release();
            outcome.refused(response.status());
            return;
        }
        WebSocketClientExtension extension;
        try {
            check(response);
            extension = extension(response.extensions());
        } catch (ProtocolViolation e) {
            in.release();
            outcome.broken(e);
            return;
        }
        key = null;
        ChannelPipeline p = ctx.pipeline();
        if (extension != null) {
            p.addBefore(WsSession.HANDLER_NAME, DEFLATE_DECODER, extension.newExtensionDecoder());
            p.addBefore(WsSession.HANDLER_NAME, DEFLATE_ENCODER, extension.newExtensionEncoder());
        }
        p.remove(this);
        outcome.upgraded();
        // The server's first frames may have come with the head: the decoder reads them next, in upgraded order.
        if (in.isReadable() && ctx.channel().isActive()) {
            ctx.fireChannelRead(in);
        } else {
            in.release();
        }
    }

    private void check(WsUpgradeResponse response) {
        if (!"websocket".equalsIgnoreCase(response.upgrade())) {
            throw invalid("Upgrade is '" + response.upgrade() + "', not websocket");
        }
        if (!hasToken(response.connection(), "upgrade", true)) {
            throw invalid("Connection is '" + response.connection() + "', without Upgrade");
        }
        String expected = WsUpgradeKey.acceptFor(key);
        if (!expected.equals(response.accept())) {
            throw invalid("Sec-WebSocket-Accept is '" + response.accept() + "', expected '" + expected + "'");
        }
        String chosen = response.protocol();
        if (chosen != null && !chosen.isEmpty()
                && (request.subprotocols() == null || !hasToken(request.subprotocols(), chosen, false))) {
            throw invalid("the server chose subprotocol '" + chosen + "', which herd did not offer");
        }
    }

    /** The extension the server accepted, or null for none; only permessage-deflate, and only when offered. */
    private WebSocketClientExtension extension(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (deflate == null) {
            throw invalid("the server chose extension '" + header + "', which herd did not offer");
        }
        List<WebSocketExtensionData> chosen;
        try {
            chosen = WebSocketExtensionUtil.extractExtensions(header);
        } catch (RuntimeException e) {
            throw invalid("Sec-WebSocket-Extensions '" + header + "' does not parse");
        }
        if (chosen.size() != 1) {
            throw invalid("the server chose extensions '" + header + "'; herd offered permessage-deflate alone");
        }
        WebSocketClientExtension extension = deflate.handshakeExtension(chosen.get(0));
        if (extension == null) {
            throw invalid("the server answered permessage-deflate with '" + header + "', which herd did not offer");
        }
        return extension;
    }

    /**
     * True when the comma-separated {@code list} holds {@code token}, white space aside; HTTP's own tokens compare
     * without case, subprotocol names with it (RFC 6455 §11.5).
     */
    private static boolean hasToken(String list, String token, boolean ignoreCase) {
        if (list == null) {
            return false;
        }
        for (String item : list.split(",")) {
            String t = item.trim();
            if (ignoreCase ? t.equalsIgnoreCase(token) : t.equals(token)) {
                return true;
            }
        }
        return false;
    }

    private static ProtocolViolation invalid(String why) {
        return new ProtocolViolation(FailureReason.HANDSHAKE_INVALID, "the upgrade's 101: " + why);
    }
}
