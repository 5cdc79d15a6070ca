package dev.herd.broker.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every connection the target accepted: admission against {@code maxConnections}, its kind, why it closed,
 * and the counters of {@code /stats}'s {@code connections} section.
 *
 * <p>Invariant once every close is accounted for: {@code accepted = open (all kinds) + refused + closed (all
 * causes)}. A refused connection is counted in {@code refused} when it is accepted, and never in
 * {@code open} or {@code closed}.
 *
 * <p>Thread-safe: counters are {@link LongAdder}s, the channel set is concurrent, and a channel's own state
 * ({@link ConnectionState}) is only changed on its event loop.
 */
public final class ConnectionRegistry {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRegistry.class);

    private static final AttributeKey<ConnectionState> STATE =
            AttributeKey.valueOf(ConnectionRegistry.class, "state");

    private final int maxConnections;
    private final AtomicInteger admitted = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final Map<ConnectionKind, LongAdder> open = new EnumMap<>(ConnectionKind.class);
    private final Map<CloseCause, LongAdder> closed = new EnumMap<>(CloseCause.class);
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();

    public ConnectionRegistry(int maxConnections) {
        this.maxConnections = maxConnections;
        for (ConnectionKind kind : ConnectionKind.values()) {
            open.put(kind, new LongAdder());
        }
        for (CloseCause cause : CloseCause.values()) {
            closed.put(cause, new LongAdder());
        }
    }

    /**
     * Registers a newly accepted channel. Returns false when it is above {@code maxConnections}: the caller
     * then answers its first request with 503 and closes it.
     */
    public boolean admit(Channel channel) {
        accepted.increment();
        boolean ok = admitted.incrementAndGet() <= maxConnections;
        if (!ok) {
            admitted.decrementAndGet();
            refused.increment();
        }
        ConnectionState state = new ConnectionState(ok);
        channel.attr(STATE).set(state);
        channels.add(channel);
        if (ok) {
            open.get(ConnectionKind.HTTP).increment();
        }
        // Accounted one task later: a decoder that closes on a protocol violation throws only after the close,
        // and the handler that records the cause runs when that exception reaches it.
        channel.closeFuture().addListener(f -> {
            try {
                channel.eventLoop().execute(() -> onClosed(channel, state));
            } catch (RuntimeException shuttingDown) {
                onClosed(channel, state);
            }
        });
        return ok;
    }

    /** Turns an HTTP connection into a subscriber connection; call on the channel's event loop. */
    public void promote(Channel channel, ConnectionKind kind) {
        ConnectionState state = channel.attr(STATE).get();
        if (state == null || !state.admitted || state.kind == kind || !channel.isOpen()) {
            return;
        }
        open.get(state.kind).decrement();
        open.get(kind).increment();
        state.kind = kind;
    }

    /** Records why {@code channel} is about to close, unless a cause was recorded already. */
    public static void markCause(Channel channel, CloseCause cause) {
        ConnectionState state = channel.attr(STATE).get();
        if (state != null && state.cause == null) {
            state.cause = cause;
        }
    }

    /** Records {@code cause} and closes the channel. */
    public static void closeWith(Channel channel, CloseCause cause) {
        markCause(channel, cause);
        channel.close();
    }

    /**
     * Closes a channel after an exception reached the end of its pipeline, classified by
     * {@link CloseCause#of}; unexpected ones are logged.
     */
    public static void closeAfter(Channel channel, Throwable exception) {
        CloseCause cause = CloseCause.of(exception);
        if (cause == CloseCause.ERROR) {
            log.warn("closing {} after an unexpected exception", channel, exception);
        } else {
            log.debug("closing {}: {}", channel, exception.toString());
        }
        closeWith(channel, cause);
    }

    /** The channel's kind; {@link ConnectionKind#HTTP} for channels this registry does not know. */
    public static ConnectionKind kindOf(Channel channel) {
        ConnectionState state = channel.attr(STATE).get();
        return state == null ? ConnectionKind.HTTP : state.kind;
    }

    /** A snapshot of the open channels, refused ones included. */
    public List<Channel> channels() {
        return new ArrayList<>(channels);
    }

    /** A snapshot of the open admitted channels of one kind. */
    public List<Channel> channels(ConnectionKind kind) {
        List<Channel> result = new ArrayList<>();
        for (Channel channel : channels) {
            ConnectionState state = channel.attr(STATE).get();
            if (state != null && state.admitted && state.kind == kind) {
                result.add(channel);
            }
        }
        return result;
    }

    /**
     * Bytes waiting in subscriber channels' outbound buffers now. Netty counts a small fixed overhead
     * per queued message on top of its bytes; bytes already handed to the kernel are not included.
     */
    public long subscriberBytesQueued() {
        long total = 0;
        for (Channel channel : channels) {
            if (kindOf(channel) == ConnectionKind.HTTP) {
                continue;
            }
            ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
            if (buffer != null) {
                total += buffer.totalPendingWriteBytes(); // a volatile read: safe off the event loop
            }
        }
        return total;
    }

    public long open(ConnectionKind kind) {
        return open.get(kind).sum();
    }

    public long accepted() {
        return accepted.sum();
    }

    public long refused() {
        return refused.sum();
    }

    public long closed(CloseCause cause) {
        return closed.get(cause).sum();
    }

    private void onClosed(Channel channel, ConnectionState state) {
        channels.remove(channel);
        if (!state.admitted) {
            return;
        }
        admitted.decrementAndGet();
        open.get(state.kind).decrement();
        closed.get(state.cause == null ? CloseCause.CLIENT : state.cause).increment();
    }

    /** Per-channel bookkeeping, written on the channel's event loop, read anywhere. */
    private static final class ConnectionState {
        final boolean admitted;
        volatile ConnectionKind kind = ConnectionKind.HTTP;
        volatile CloseCause cause;

        ConnectionState(boolean admitted) {
            this.admitted = admitted;
        }
    }
}
