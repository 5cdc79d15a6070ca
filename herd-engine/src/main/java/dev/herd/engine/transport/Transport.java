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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket transport herd's clients use: Linux's epoll or io_uring through Netty's native transports, or the
 * JDK's NIO. One asked for that does not load here falls back (io_uring to epoll, epoll to NIO), said once in the log.
 *
 * <pre>{@code
 * Transport transport = Transport.select(Transport.EPOLL);   // or --transport io_uring
 * EventLoopGroup loops = transport.newEventLoopGroup(2, "herd-loop");
 * new Bootstrap().group(loops).channel(transport.socketChannelClass());
 * }</pre>
 */
public enum Transport {
    EPOLL("epoll"),
    IO_URING("io_uring"),
    NIO("nio");

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private final String key;

    Transport(String key) {
        this.key = key;
    }

    /** The name the command line and scenario files use: {@code epoll}, {@code io_uring} or {@code nio}. */
    public String key() {
        return key;
    }

    /** The transport named {@code epoll}, {@code io_uring} or {@code nio} (case ignored). */
    public static Transport of(String name) {
        for (Transport t : values()) {
            if (t.key.equalsIgnoreCase(name) || t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + name + "': epoll, io_uring or nio");
    }

    /** Epoll when available, NIO otherwise (or when {@code -Dherd.transport=nio}); logged once per process. */
    public static Transport detect() {
        return select(EPOLL);
    }

    /**
     * {@code wanted} when it loads here, else the next that does (io_uring, then epoll, then NIO); the system property
     * {@code herd.transport} (e.g. {@code -Dherd.transport=nio}) overrides what was asked. Logged once per choice.
     */
    public static Transport select(Transport wanted) {
        String forced = System.getProperty("herd.transport");
        Transport asked = forced == null || forced.isBlank() ? wanted : of(forced.trim());
        Transport chosen = asked;
        String why = null;
        if (chosen == IO_URING && !IoUring.isAvailable()) {
            why = "io_uring unavailable: " + IoUring.unavailabilityCause();
            chosen = EPOLL;
        }
        if (chosen == EPOLL && !Epoll.isAvailable()) {
            why = (why == null ? "" : why + "; ") + "epoll unavailable: " + Epoll.unavailabilityCause();
            chosen = NIO;
        }
        if (LOGGED.add(asked + ">" + chosen)) {
            if (why == null) {
                LOG.info("transport: {}", chosen.key);
            } else {
                LOG.info("transport: {} ({} asked for; {})", chosen.key, asked.key, why);
            }
        }
        return chosen;
    }

    public EventLoopGroup newEventLoopGroup(int threads, String threadNamePrefix) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadNamePrefix, true), ioHandlerFactory());
    }

    public Class<? extends SocketChannel> socketChannelClass() {
        return switch (this) {
            case EPOLL -> EpollSocketChannel.class;
            case IO_URING -> IoUringSocketChannel.class;
            case NIO -> NioSocketChannel.class;
        };
    }

    private IoHandlerFactory ioHandlerFactory() {
        return switch (this) {
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
