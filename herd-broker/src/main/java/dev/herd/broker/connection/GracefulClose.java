package dev.herd.broker.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a channel once a farewell (a WebSocket close frame, the SSE end-of-stream chunk) has been written,
 * or after a grace period when the write cannot complete because the peer stopped reading.
 */
public final class GracefulClose {

    /** How long a farewell may wait behind a stalled peer's queued bytes. */
    public static final long GRACE_MILLIS = 1000;

    private GracefulClose() {
    }

    /** Writes and flushes {@code farewell}, then closes {@code channel}; call on the channel's event loop. */
    public static void writeThenClose(Channel channel, Object farewell) {
        ChannelFuture write = channel.writeAndFlush(farewell);
        if (write.isDone()) {
            channel.close();
            return;
        }
        ScheduledFuture<?> forced = channel.eventLoop().schedule(() -> {
            channel.close();
        }, GRACE_MILLIS, TimeUnit.MILLISECONDS);
        write.addListener(f -> {
            forced.cancel(false);
            channel.close();
        });
    }
}
