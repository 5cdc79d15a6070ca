package dev.herd.broker.fault;

import dev.herd.broker.connection.CloseCause;
import dev.herd.broker.connection.ConnectionKind;
import dev.herd.broker.connection.ConnectionRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /admin/drop?fraction=0.5}: resets that fraction of the subscriber connections (WebSocket and
 * SSE), rounded down and chosen at random. {@code SO_LINGER=0} then close makes the kernel send a TCP RST:
 * the peer sees "connection reset", and no close frame or end of stream.
 */
public final class DropFault {

    /** Absorbs binary floating point error, so that 0.29 of 100 connections is 29, not 28. */
    private static final double EPSILON = 1e-9;

    private final ConnectionRegistry connections;

    public DropFault(ConnectionRegistry connections) {
        this.connections = connections;
    }

    /** Resets {@code floor(fraction * subscribers)} subscriber connections; returns how many. */
    public int drop(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be 0-1, was " + fraction);
        }
        List<Channel> subscribers = new ArrayList<>(connections.channels(ConnectionKind.WS));
        subscribers.addAll(connections.channels(ConnectionKind.SSE));
        Collections.shuffle(subscribers, ThreadLocalRandom.current());
        int count = (int) Math.floor(fraction * subscribers.size() + EPSILON);
        for (Channel channel : subscribers.subList(0, count)) {
            channel.eventLoop().execute(() -> reset(channel));
        }
        return count;
    }

    private static void reset(Channel channel) {
        ConnectionRegistry.markCause(channel, CloseCause.DROP_FAULT);
        if (channel.isOpen()) {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        if (channel.pipeline().get(SslHandler.class) != null) {
            // Past the pipeline: SslHandler would first send a TLS close_notify, a clean end the peer could see.
            channel.unsafe().close(channel.unsafe().voidPromise());
        } else {
            channel.close();
        }
    }
}
