package dev.herd.broker.sse;

import dev.herd.broker.pubsub.Subscriber;
import dev.herd.broker.connection.ConnectionRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The end of an SSE stream's pipeline: sends comment heartbeats from a timer on the channel's loop, discards
 * anything the client sends (an SSE client only listens), and closes on errors.
 */
final class SseStreamHandler extends ChannelInboundHandlerAdapter {

    private final Subscriber subscriber;
    private final long heartbeatNanos;
    private ScheduledFuture<?> heartbeat;

    SseStreamHandler(Subscriber subscriber, Duration heartbeat) {
        this.subscriber = subscriber;
        this.heartbeatNanos = heartbeat.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        heartbeat = ctx.executor().scheduleAtFixedRate(() -> beat(ctx), heartbeatNanos, heartbeatNanos,
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        heartbeat.cancel(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        heartbeat.cancel(false);
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ConnectionRegistry.closeAfter(ctx.channel(), cause);
    }

    private void beat(ChannelHandlerContext ctx) {
        // Skipped while unwritable: a stalled client gains nothing from more queued bytes.
        if (ctx.channel().isActive() && ctx.channel().isWritable() && !subscriber.isEnding()) {
            ctx.writeAndFlush(SseEventEncoder.heartbeat(), ctx.voidPromise());
        }
    }
}
