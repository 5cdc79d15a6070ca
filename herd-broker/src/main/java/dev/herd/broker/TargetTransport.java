package dev.herd.broker;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O transport: native epoll when it loads, NIO otherwise. The choice is logged once per process at
 * INFO, with the reason when epoll is not available.
 */
public final class TargetTransport {

    private static final Logger log = LoggerFactory.getLogger(TargetTransport.class);
    private static final AtomicBoolean logged = new AtomicBoolean();

    private final String name;
    private final IoHandlerFactory ioHandlerFactory;
    private final Class<? extends ServerChannel> serverChannelClass;

    private TargetTransport(String name, IoHandlerFactory ioHandlerFactory,
                            Class<? extends ServerChannel> serverChannelClass) {
        this.name = name;
        this.ioHandlerFactory = ioHandlerFactory;
        this.serverChannelClass = serverChannelClass;
    }

    /** Epoll if available, else NIO. */
    public static TargetTransport select() {
        if (Epoll.isAvailable()) {
            if (logged.compareAndSet(false, true)) {
                log.info("transport: native epoll");
            }
            return new TargetTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        if (logged.compareAndSet(false, true)) {
            log.info("transport: NIO (native epoll unavailable: {})", String.valueOf(Epoll.unavailabilityCause()));
        }
        return new TargetTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    /** Event loops named {@code herd-broker-*}. */
    public EventLoopGroup newEventLoopGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("herd-broker"), ioHandlerFactory);
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return serverChannelClass;
    }

    /** {@code epoll} or {@code nio}. */
    public String name() {
        return name;
    }
}
