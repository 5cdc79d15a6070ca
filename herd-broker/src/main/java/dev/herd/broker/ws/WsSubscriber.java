package dev.herd.broker.ws;

import dev.herd.broker.pubsub.BrokerConfig;
import dev.herd.broker.pubsub.SlowSubscriberHandler;
import dev.herd.broker.pubsub.SlowSubscriberPolicy;
import dev.herd.broker.pubsub.Subscriber;
import dev.herd.broker.connection.CloseCause;
import dev.herd.broker.connection.ConnectionKind;
import dev.herd.broker.http.Exchange;
import dev.herd.broker.http.HttpPipeline;
import dev.herd.broker.sse.ReplaySlice;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * A WebSocket subscriber. Activation writes the 101 and turns the pipeline into
 * {@code ws-encoder, ws-decoder, [ws-inflate], ws-utf8, ws-aggregator, [slow-subscriber], ws-frames}:
 * Netty's frame codec (masked client frames, payloads up to {@code maxFrameBytes}, protocol violations closed
 * with the right code: 1009 too big, 1007 invalid UTF-8, 1002 otherwise), for a permessage-deflate client the
 * {@link WsInflateDecoder}, fragments aggregated up to {@code maxFrameBytes}, then {@link WsFrameHandler}.
 */
final class WsSubscriber extends Subscriber {

    private final HttpRequest handshake;
    private final Exchange exchange;
    private final WsSubscribeHandler context;
    private final WsDeflateNegotiation.Agreement deflateAgreement;

    /** {@code deflate} is the permessage-deflate agreement, or null when the client gets plain frames. */
    WsSubscriber(Channel channel, String topic, HttpRequest handshake, Exchange exchange, WsSubscribeHandler context,
                 WsDeflateNegotiation.Agreement deflate) {
        super(channel, ConnectionKind.WS, topic, deflate != null);
        this.handshake = handshake;
        this.exchange = exchange;
        this.context = context;
        this.deflateAgreement = deflate;
    }

    @Override
    protected boolean activate(ReplaySlice replay) {
        replay.release(); // WebSocket has no replay
        Channel channel = channel();
        if (!channel.isActive()) {
            return false;
        }
        FullHttpResponse switching = WsHandshake.switchingProtocols(handshake);
        if (deflateAgreement != null) {
            switching.headers().set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, deflateAgreement.responseHeader());
        }
        channel.writeAndFlush(switching);
        exchange.takeOver();
        int maxFrameBytes = context.maxFrameBytes();
        WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(deflateAgreement == null ? maxFrameBytes : compressedFrameLimit(maxFrameBytes))
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(deflateAgreement != null) // RSV1; the inflater rejects the other bits
                .closeOnProtocolViolation(true)
                .withUTF8Validator(true)
                .build();
        ChannelPipeline pipeline = channel.pipeline();
        // The encoder comes first (nearest the socket) so that close frames the decoder and the UTF-8
        // validator write on protocol violations are encoded.
        HttpPipeline.leaveHttp(pipeline,
                new String[] {"ws-encoder", "ws-decoder"},
                new ChannelHandler[] {new WebSocket13FrameEncoder(false), new WebSocket13FrameDecoder(decoderConfig)});
        if (deflateAgreement != null) {
            pipeline.addLast("ws-inflate",
                    new WsInflateDecoder(maxFrameBytes, deflateAgreement.clientNoContextTakeover()));
        }
        pipeline.addLast("ws-utf8", new Utf8FrameValidator(true));
        pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(maxFrameBytes));
        BrokerConfig broker = context.topics().config();
        if (broker.slowPolicy() == SlowSubscriberPolicy.DISCONNECT) {
            pipeline.addLast("slow-subscriber", new SlowSubscriberHandler(this, broker.slowTimeout()));
        }
        pipeline.addLast("ws-frames", new WsFrameHandler(this, context.topics()));
        context.connections().promote(channel, ConnectionKind.WS);
        return true;
    }

    @Override
    protected Object farewell(CloseCause cause) {
        WebSocketCloseStatus status = switch (cause) {
            case RESTART -> WebSocketCloseStatus.SERVICE_RESTART;
            case PROTOCOL_ERROR -> WebSocketCloseStatus.MESSAGE_TOO_BIG; // the one violation we detect ourselves
            case CLIENT -> WebSocketCloseStatus.NORMAL_CLOSURE;
            case ERROR -> WebSocketCloseStatus.INTERNAL_SERVER_ERROR;
            default -> WebSocketCloseStatus.POLICY_VIOLATION; // slow_disconnect, queue_overflow
        };
        return new CloseWebSocketFrame(status);
    }

    /**
     * The largest compressed frame to read from a permessage-deflate client: DEFLATE can grow incompressible
     * data a little (5 bytes per stored block, zlib's bound is under 1/1000 plus a few bytes), so a message of
     * {@code maxFrameBytes} must still fit. What a message inflates to is checked by {@link WsInflateDecoder}.
     */
    static int compressedFrameLimit(int maxFrameBytes) {
        return (int) Math.min(Integer.MAX_VALUE, maxFrameBytes + (maxFrameBytes >> 10) + 64L);
    }

    /** The peer sent a close frame: stop writing messages, the handler answers it. */
    void peerClosing() {
        markEnding();
    }
}
