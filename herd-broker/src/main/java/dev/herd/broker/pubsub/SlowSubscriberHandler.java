package dev.herd.broker.pubsub;

import dev.herd.broker.connection.CloseCause;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The {@link SlowSubscriberPolicy#DISCONNECT} policy's timer: when a subscriber's channel turns unwritable it
 * starts a {@code slowTimeout} timer on the channel's loop; turning writable again cancels it; if it fires,
 * the subscriber is ended with cause {@code slow_disconnect}.
 */
public final class SlowSubscriberHandler extends ChannelInboundHandlerAdapter {

    private final Subscriber subscriber;
    private final long timeoutNanos;
    private ScheduledFuture<?> timer;

    public SlowSubscriberHandler(Subscriber subscriber, Duration slowTimeout) {
        this.subscriber = subscriber;
        this.timeoutNanos = slowTimeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            start(ctx);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            cancel();
        } else {
            start(ctx);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void start(ChannelHandlerContext ctx) {
        if (timer != null) {
            return;
        }
        timer = ctx.executor().schedule(() -> {
            timer = null;
            if (!ctx.channel().isWritable()) {
                subscriber.end(CloseCause.SLOW_DISCONNECT);
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
