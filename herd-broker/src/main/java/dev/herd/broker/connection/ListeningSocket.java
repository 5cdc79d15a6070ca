package dev.herd.broker.connection;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;

/**
 * The target's listening socket, which {@code /admin/restart} closes and opens again on the same port.
 * After the first bind the actual address is remembered, so a target started on port 0 comes back on the
 * port it got.
 */
public final class ListeningSocket {

    private final ServerBootstrap bootstrap;
    private volatile InetSocketAddress address;
    private volatile Channel channel;

    public ListeningSocket(ServerBootstrap bootstrap, InetSocketAddress requested) {
        this.bootstrap = bootstrap;
        this.address = requested;
    }

    /**
     * Starts listening. The future completes with the bound address once {@link #localAddress()} reports it,
     * or fails when the address is taken.
     */
    public Future<InetSocketAddress> bind() {
        ChannelFuture bound = bootstrap.bind(address);
        // Not the channel's loop: registration itself may have failed, leaving the channel without one.
        Promise<InetSocketAddress> result = GlobalEventExecutor.INSTANCE.newPromise();
        bound.addListener(f -> {
            if (f.isSuccess()) {
                address = (InetSocketAddress) bound.channel().localAddress();
                channel = bound.channel();
                result.setSuccess(address);
            } else {
                result.setFailure(f.cause());
            }
        });
        return result;
    }

    /** Stops listening: connection attempts are refused by the kernel until {@link #bind()}. */
    public ChannelFuture unbind() {
        Channel current = channel;
        if (current == null) {
            throw new IllegalStateException("not listening");
        }
        channel = null;
        return current.close();
    }

    public boolean isListening() {
        Channel current = channel;
        return current != null && current.isActive();
    }

    /** The address listened on (or that will be listened on again after a restart). */
    public InetSocketAddress localAddress() {
        return address;
    }
}
