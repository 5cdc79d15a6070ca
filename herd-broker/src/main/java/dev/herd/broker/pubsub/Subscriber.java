package dev.herd.broker.pubsub;

import dev.herd.broker.connection.CloseCause;
import dev.herd.broker.connection.ConnectionKind;
import dev.herd.broker.connection.ConnectionRegistry;
import dev.herd.broker.connection.GracefulClose;
import dev.herd.broker.sse.ReplaySlice;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One subscriber of one topic: a WebSocket or an SSE connection. The protocol packages say how to start
 * ({@link #activate}) and how to say goodbye ({@link #farewell}); the broker decides what to write.
 *
 * <p>Except for {@link #channel()}, {@link #kind()} and {@link #describe()}, everything here runs on the
 * channel's event loop, so the per-subscriber state needs no synchronisation.
 */
public abstract class Subscriber {

    private static final AttributeKey<Subscriber> KEY = AttributeKey.valueOf(Subscriber.class, "subscriber");

    private final Channel channel;
    private final ConnectionKind kind;
    private final String topic;
    private final boolean deflate;
    /** Position in its {@link TopicShard}'s list, for O(1) removal. */
    int shardIndex = -1;
    /** Deliveries still to skip, set by the message-drop fault. */
    private int skipRemaining;
    private boolean ending;

    protected Subscriber(Channel channel, ConnectionKind kind, String topic) {
        this(channel, kind, topic, false);
    }

    /** A subscriber that gets permessage-deflate frames when {@code deflate} (WebSocket only). */
    protected Subscriber(Channel channel, ConnectionKind kind, String topic, boolean deflate) {
        if (deflate && kind != ConnectionKind.WS) {
            throw new IllegalArgumentException("only a WebSocket subscriber can get compressed frames");
        }
        this.channel = channel;
        this.kind = kind;
        this.topic = topic;
        this.deflate = deflate;
        channel.attr(KEY).set(this);
    }

    /** The subscriber on {@code channel}, or null when it is not (yet) one. */
    public static Subscriber of(Channel channel) {
        return channel.attr(KEY).get();
    }

    public final Channel channel() {
        return channel;
    }

    public final ConnectionKind kind() {
        return kind;
    }

    public final String topic() {
        return topic;
    }

    /** Whether this subscriber negotiated permessage-deflate: it gets the topic's compressed frames. */
    public final boolean deflate() {
        return deflate;
    }

    /** The peer's address as {@code host:port}: a client can find itself by its local port. */
    public final String describe() {
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(remote);
    }

    /**
     * Turns the connection into a subscription, on its event loop, after the topic registered it and before
     * any live message: answer the request (101 or SSE headers), switch the pipeline, write the replay.
     * Returns false, having released {@code replay}, when the channel went away meanwhile.
     */
    protected abstract boolean activate(ReplaySlice replay);

    /** The last thing written before the server closes: a WebSocket close frame, the SSE end of stream. */
    protected abstract Object farewell(CloseCause cause);

    /** Ends the subscription from the server side: record the cause, write the farewell, close. */
    public final void end(CloseCause cause) {
        if (ending) {
            return;
        }
        ending = true;
        ConnectionRegistry.markCause(channel, cause);
        if (!channel.isActive()) {
            channel.close();
            return;
        }
        GracefulClose.writeThenClose(channel, farewell(cause));
    }

    /** Whether the server is already ending this subscription (nothing more should be written). */
    public final boolean isEnding() {
        return ending;
    }

    /** Marks that the peer is closing: nothing more should be written. */
    protected final void markEnding() {
        ending = true;
    }

    /** The next {@code count} deliveries to this subscriber are skipped (the message-drop fault). */
    final void skipNext(int count) {
        skipRemaining = count;
    }

    /** Consumes one skip; true when this delivery must be skipped. */
    final boolean consumeSkip() {
        if (skipRemaining > 0) {
            skipRemaining--;
            return true;
        }
        return false;
    }
}
