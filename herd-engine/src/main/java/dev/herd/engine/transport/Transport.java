package dev.herd.engine.transport;

import io.netty.channel.Channel;
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
import io.netty.channel.uring.IoUringBufferRingConfig;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringFixedBufferRingAllocator;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
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
 * SocketChannel ch = transport.newSocketChannel();                 // registered with one of the loops
 * }</pre>
 */
public enum Transport {
    EPOLL("epoll"),
    IO_URING("io_uring"),
    NIO("nio");

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    /**
     * io_uring clients receive into buffers the kernel picks from a ring that each event loop registers and its
     * connections share (provided buffers): an idle connection holds no receive buffer of its own, as it does with
     * epoll, where a buffer is taken only once the socket is readable.
     */
    private static final short IO_URING_BUFFER_GROUP = 1;
    private static final short IO_URING_RING_BUFFERS = 512;
    private static final int IO_URING_BUFFER_BYTES = 4096;
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

    /** A new, unregistered client channel of this transport (made directly: no bootstrap, no reflection). */
    public SocketChannel newSocketChannel() {
        return switch (this) {
            case EPOLL -> new EpollSocketChannel();
            case IO_URING -> new IoUringSocketChannel();
            case NIO -> new NioSocketChannel();
        };
    }

    /**
     * Sets what a new client channel of this transport needs before its first read (io_uring: its buffer group);
     * call once it is created, before it is connected.
     */
    public static void prepare(Channel channel) {
        if (channel instanceof IoUringSocketChannel && IoUring.isRegisterBufferRingSupported()) {
            channel.config().setOption(IoUringChannelOption.IO_URING_BUFFER_GROUP_ID, IO_URING_BUFFER_GROUP);
        }
    }

    private IoHandlerFactory ioHandlerFactory() {
        return switch (this) {
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUring.isRegisterBufferRingSupported()
                    ? IoUringIoHandler.newFactory(new IoUringIoHandlerConfig().setBufferRingConfig(
                            IoUringBufferRingConfig.builder().bufferGroupId(IO_URING_BUFFER_GROUP)
                                    .bufferRingSize(IO_URING_RING_BUFFERS).batchSize(IO_URING_RING_BUFFERS / 4)
                                    .allocator(new IoUringFixedBufferRingAllocator(IO_URING_BUFFER_BYTES)).build()))
                    : IoUringIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
