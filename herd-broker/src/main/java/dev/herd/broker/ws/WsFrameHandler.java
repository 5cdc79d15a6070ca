package dev.herd.broker.ws;

import dev.herd.broker.pubsub.TopicRegistry;
import dev.herd.broker.connection.CloseCause;
import dev.herd.broker.connection.ConnectionRegistry;
import dev.herd.broker.connection.GracefulClose;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The end of a WebSocket subscriber's pipeline: publishes the client's (aggregated) text and binary messages
 * to its topic, answers pings and close frames, and turns errors into the right close.
 */
final class WsFrameHandler extends ChannelInboundHandlerAdapter {

    private final WsSubscriber subscriber;
    private final TopicRegistry topics;

    WsFrameHandler(WsSubscriber subscriber, TopicRegistry topics) {
        this.subscriber = subscriber;
        this.topics = topics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            if (subscriber.isEnding()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            // The frame's content passes to the broker, which releases it once encoded.
            WebSocketFrame frame = (WebSocketFrame) msg;
            topics.publish(subscriber.topic(), frame.content(), msg instanceof BinaryWebSocketFrame, subscriber, null);
        } else if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
        } else if (msg instanceof CloseWebSocketFrame close) {
            answerClose(ctx, close);
        } else {
            ReferenceCountUtil.release(msg); // pongs, stray bytes from before the upgrade
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // A fragmented message grew past maxFrameBytes: the aggregator only reports it, so close with 1009.
            subscriber.end(CloseCause.PROTOCOL_ERROR);
            return;
        }
        if (cause instanceof CorruptedFrameException) {
            // The decoder or UTF-8 validator already wrote the close frame (1002/1007/1009) and closes.
            ConnectionRegistry.markCause(ctx.channel(), CloseCause.PROTOCOL_ERROR);
            return;
        }
        ConnectionRegistry.closeAfter(ctx.channel(), cause);
    }

    private void answerClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        int code = close.statusCode();
        close.release();
        if (subscriber.isEnding()) {
            ctx.close(); // our own close frame was answered
            return;
        }
        subscriber.peerClosing();
        // RFC 6455 §5.5.1: echo the status code received (an empty close frame when there was none).
        CloseWebSocketFrame reply = code < 0
                ? new CloseWebSocketFrame()
                : new CloseWebSocketFrame(WebSocketCloseStatus.valueOf(code));
        GracefulClose.writeThenClose(ctx.channel(), reply);
    }
}
