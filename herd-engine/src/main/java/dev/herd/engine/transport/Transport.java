package dev.herd.engine.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket transport herd's clients use: native epoll when it loads, NIO otherwise.
 *
 * <pre>{@code
 * Transport transport = Transport.detect();
 * EventLoopGroup loops = transport.newEventLoopGroup(2, "herd-loop");
 * new Bootstrap().group(loops).channel(transport.socketChannelClass());
 * }</pre>
 */
public enum Transport {
    EPOLL,
    NIO;

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    /** Epoll when available, NIO otherwise (or when {@code -Dherd.transport=nio}); logged once per process. */
    public static Transport detect() {
        boolean forceNio = "nio".equalsIgnoreCase(System.getProperty("herd.transport"));
        Transport chosen = !forceNio && Epoll.isAvailable() ? EPOLL : NIO;
        if (LOGGED.compareAndSet(false, true)) {
            if (chosen == EPOLL) {
                LOG.info("transport: native epoll");
            } else if (forceNio) {
                LOG.info("transport: NIO (asked for with -Dherd.transport=nio)");
            } else {
                LOG.info("transport: NIO (epoll unavailable: {})", String.valueOf(Epoll.unavailabilityCause()));
            }
        }
        return chosen;
    }

    public EventLoopGroup newEventLoopGroup(int threads, String threadNamePrefix) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadNamePrefix, true), ioHandlerFactory());
    }

    public Class<? extends SocketChannel> socketChannelClass() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    private IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }
}
