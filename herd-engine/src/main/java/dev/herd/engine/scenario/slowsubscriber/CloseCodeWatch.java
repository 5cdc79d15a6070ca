package dev.herd.engine.scenario.slowsubscriber;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/**
 * Notes the close code of the WebSocket close frame a slow subscriber receives, so the close codes of the slow
 * group are told apart from the run's; passes every message on untouched. Sits just before herd's own
 * WebSocket handler.
 *
 * <pre>{@code
 * channel.pipeline().addBefore("ws", CloseCodeWatch.NAME, new CloseCodeWatch(codes, index));
 * }</pre>
 */
final class CloseCodeWatch extends ChannelInboundHandlerAdapter {

    static final String NAME = "slow-close-code";

    /** Per-subscriber slots, written on each subscriber's own event loop. */
    interface Codes {
        void closeCode(int subscriberIndex, int code);
    }

    private final Codes codes;
    private final int subscriberIndex;

    CloseCodeWatch(Codes codes, int subscriberIndex) {
        this.codes = codes;
        this.subscriberIndex = subscriberIndex;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CloseWebSocketFrame close) {
            int code = close.statusCode();
            codes.closeCode(subscriberIndex, code < 0 ? SlowGroupDriver.NO_STATUS : code);
        }
        ctx.fireChannelRead(msg);
    }
}
