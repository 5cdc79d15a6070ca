package dev.herd.broker.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * The whole pipeline (after the codec) of a connection above {@code maxConnections}: its first request gets
 * 503 and the connection is closed. It was already counted as refused when accepted.
 */
@Sharable
public final class RefusalHandler extends ChannelInboundHandlerAdapter {

    public static final RefusalHandler INSTANCE = new RefusalHandler();

    private RefusalHandler() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean request = msg instanceof HttpRequest;
        ReferenceCountUtil.release(msg);
        if (request && ctx.channel().isActive()) {
            FullHttpResponse response = HttpReplies.text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "too many connections (maxConnections reached)");
            HttpUtil.setKeepAlive(response, false);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
