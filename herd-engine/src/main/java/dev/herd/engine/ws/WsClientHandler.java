package dev.herd.engine.ws;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionHandler;
import dev.herd.engine.receive.StampReceiver;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a WebSocket client's pipeline: drives the upgrade, reports each phase to its
 * {@link ClientSession}, then hands complete messages to the {@link StampReceiver} without copying them.
 */
final class WsClientHandler extends SessionHandler {

    private final StampReceiver receiver;
    private final int maxFrameBytes;
    private WebSocketClientHandshaker handshaker;
    private boolean closeSent;

    WsClientHandler(ClientSession session, WebSocketClientHandshaker handshaker, StampReceiver receiver,
                    int maxFrameBytes) {
        super(session);
        this.handshaker = handshaker;
        this.receiver = receiver;
        this.maxFrameBytes = maxFrameBytes;
    }

    void startHandshake(Channel channel) {
        handshaker.handshake(channel).addListener(f -> {
            if (!f.isSuccess()) {
                session.errorCaught(f.cause());
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (handshaker != null && !handshaker.isHandshakeComplete()) {
            try {
                if (msg instanceof FullHttpResponse response) {
                    finishHandshake(ctx, response);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            WebSocketFrame frame = (WebSocketFrame) msg;
            try {
                if (receiver != null) {
                    session.messageArrived();
                    receiver.onMessage(frame.content());
                }
            } finally {
                frame.release();
            }
        } else if (msg instanceof PingWebSocketFrame ping) {
            // The pong carries the ping's payload: ownership of the buffer moves to the write.
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
        } else if (msg instanceof CloseWebSocketFrame close) {
            int code = close.statusCode();
            close.release();
            session.closeCodeReceived(code < 0 ? 1005 : code);
            if (!closeSent) {
                closeSent = true;
                ctx.writeAndFlush(new CloseWebSocketFrame(code < 0 ? 1000 : code, ""))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void finishHandshake(ChannelHandlerContext ctx, FullHttpResponse response) {
        if (!HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
            int status = response.status().code();
            // 4xx other than 408/429 says "don't retry this request as is"; herd still follows the policy,
            // because a load test's clients keep knocking like real ones do.
            session.rejected(status, true);
            return;
        }
        try {
            handshaker.finishHandshake(ctx.channel(), response);
        } catch (WebSocketHandshakeException e) {
            session.handshakeFailed(e);
            return;
        }
        // Reassemble fragmented messages so a stamp split across fragments is still found; complete
        // frames pass through the aggregator untouched.
        ctx.pipeline().addBefore(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(maxFrameBytes));
        // The handshaker is no longer needed; drop it so an idle connection holds less memory.
        handshaker = null;
        session.opened();
    }

    void markCloseSent() {
        closeSent = true;
    }
}
