package dev.herd.engine.protocol.socketio;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.protocol.ProtocolStage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One connection's Socket.IO: open packet → namespace connect ({@code 40}) → its reply → the subscribe event and its
 * ack (a subscriber) or nothing more (a publisher); then events to the stamp scan, pings answered, and the server's
 * silence beyond {@code pingInterval + pingTimeout} counted as a heartbeat timeout.
 *
 * <p>A WebSocket message may hold several packets separated by {@code 0x1e}; each is handled in place. Binary
 * messages (the attachments of binary events) and binary events themselves ({@code 45}, {@code 46}) are the
 * protocol's own: dropped, never delivered.
 */
final class SocketIoStage extends ProtocolStage {

    private static final byte AWAIT_OPEN = 0;
    private static final byte AWAIT_CONNECT = 1;
    /** Namespace connected, the subscribe event sent: waiting for its ack (or for the write, without ack). */
    private static final byte AWAIT_ACK = 2;
    private static final byte OPEN = 3;
    private static final byte ENDED = 4;

    /** The longest part of a server's refusal kept for the log. */
    private static final int MAX_REASON_BYTES = 200;

    private final SocketIoProtocol protocol;
    private byte state = AWAIT_OPEN;
    private long silenceLimitNanos;
    private long lastPingNanos;
    /** A publisher's, made at its first publish. */
    private PublishValues publishValues;

    SocketIoStage(ProtocolSession session, SocketIoProtocol protocol) {
        super(session);
        this.protocol = protocol;
    }

    @Override
    protected void started(ChannelHandlerContext ctx) {
        // The server speaks first: its open packet.
    }

    @Override
    protected void received(ChannelHandlerContext ctx, ByteBuf content, boolean text) {
        if (!text) {
            return;
        }
        int end = content.writerIndex();
        int from = content.readerIndex();
        while (state != ENDED) {
            int separator = content.indexOf(from, end, SocketIoPacket.RECORD_SEPARATOR);
            int to = separator < 0 ? end : separator;
            if (to > from) {
                packet(ctx, content, from, to);
            }
            if (separator < 0) {
                return;
            }
            from = separator + 1;
        }
    }

    /** One Engine.IO packet at {@code [from, to)}. */
    private void packet(ChannelHandlerContext ctx, ByteBuf buf, int from, int to) {
        switch (buf.getByte(from)) {
            case SocketIoPacket.OPEN -> opened(ctx, buf, from + 1, to);
            case SocketIoPacket.PING -> pinged(ctx, buf, from + 1, to);
            case SocketIoPacket.MESSAGE -> message(ctx, buf, from, to);
            case SocketIoPacket.CLOSE -> end(FailureReason.PROTOCOL_ERROR, "the server closed the Engine.IO session");
            case SocketIoPacket.PONG, SocketIoPacket.UPGRADE, SocketIoPacket.NOOP -> {
                // Not sent to a WebSocket-only client; harmless.
            }
            default -> end(FailureReason.PROTOCOL_MALFORMED, "an Engine.IO packet of unknown type "
                    + shown(buf.getByte(from)));
        }
    }

    private void opened(ChannelHandlerContext ctx, ByteBuf buf, int from, int to) {
        if (state != AWAIT_OPEN) {
            return;
        }
        EngineOpenPacket open;
        try {
            open = EngineOpenPacket.parse(buf.toString(from, to - from, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            end(FailureReason.PROTOCOL_MALFORMED, e.getMessage());
            return;
        }
        silenceLimitNanos = TimeUnit.MILLISECONDS.toNanos(open.silenceLimitMillis());
        lastPingNanos = nowNanos();
        deadline(silenceLimitNanos, this::checkPings);
        state = AWAIT_CONNECT;
        send(ctx, ctx.alloc().buffer(protocol.connectFrame().length).writeBytes(protocol.connectFrame()), true);
    }

    /** Answers a ping with a pong carrying the same data (none, as a rule). */
    private void pinged(ChannelHandlerContext ctx, ByteBuf buf, int from, int to) {
        lastPingNanos = nowNanos();
        ByteBuf pong = ctx.alloc().buffer(1 + to - from);
        pong.writeByte(SocketIoPacket.PONG).writeBytes(buf, from, to - from);
        send(ctx, pong, true);
    }

    /**
     * Checks the time since the last ping: re-armed for what is left rather than reset at each ping, so pings cost no
     * timer of their own.
     */
    private void checkPings() {
        if (state == ENDED) {
            return;
        }
        long silent = nowNanos() - lastPingNanos;
        if (silent >= silenceLimitNanos) {
            end(FailureReason.HEARTBEAT_TIMEOUT, "no ping from the server for "
                    + TimeUnit.NANOSECONDS.toMillis(silent) + " ms (pingInterval + pingTimeout)");
        } else {
            deadline(silenceLimitNanos - silent, this::checkPings);
        }
    }

    /** An Engine.IO message at {@code [from, to)}: {@code 4}, then a Socket.IO packet. */
    private void message(ChannelHandlerContext ctx, ByteBuf buf, int from, int to) {
        if (from + 1 >= to) {
            end(FailureReason.PROTOCOL_MALFORMED, "an empty Engine.IO message");
            return;
        }
        byte type = buf.getByte(from + 1);
        if (type == SocketIoPacket.BINARY_EVENT || type == SocketIoPacket.BINARY_ACK) {
            return;
        }
        int afterNamespace = SocketIoPacket.afterNamespace(buf, from + 2, to);
        if (!SocketIoPacket.namespaceIs(buf, from + 2, afterNamespace, protocol.namespaceBytes())) {
            return;
        }
        switch (type) {
            case SocketIoPacket.EVENT -> session.deliver(buf, from + 2, to - from - 2);
            case SocketIoPacket.ACK -> acked(SocketIoPacket.ackId(buf, afterNamespace, to));
            case SocketIoPacket.CONNECT -> connected(ctx);
            case SocketIoPacket.DISCONNECT -> end(FailureReason.PROTOCOL_ERROR,
                    "the server disconnected namespace " + protocol.namespace());
            case SocketIoPacket.CONNECT_ERROR -> end(FailureReason.PROTOCOL_ERROR, "the server refused namespace "
                    + protocol.namespace() + ": " + reason(buf, afterNamespace, to));
            default -> end(FailureReason.PROTOCOL_MALFORMED, "a Socket.IO packet of unknown type " + shown(type));
        }
    }

    private void connected(ChannelHandlerContext ctx) {
        if (state != AWAIT_CONNECT) {
            return;
        }
        if (session.role() == ClientRole.PUBLISHER) {
            open();
            return;
        }
        state = AWAIT_ACK;
        if (protocol.ack()) {
            sendSubscribe(ctx);
        } else {
            sendSubscribe(ctx).addListener(f -> {
                if (f.isSuccess() && state == AWAIT_ACK) {
                    open();
                }
            });
        }
    }

    /** Emits the subscribe event, namespace and ack id included. */
    private ChannelFuture sendSubscribe(ChannelHandlerContext ctx) {
        ByteBuf frame = ctx.alloc().buffer(protocol.subscribeFrame().maxBytes(32));
        try {
            protocol.subscribeFrame().write(frame, session.values());
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
        return send(ctx, frame, true);
    }

    private void acked(long id) {
        if (state == AWAIT_ACK && protocol.ack() && id == SocketIoProtocol.SUBSCRIBE_ACK_ID) {
            open();
        }
    }

    private void open() {
        state = OPEN;
        session.subscribed();
    }

    /** The server ended the session or the namespace: a refusal during the handshake, a protocol error after it. */
    private void end(FailureReason reason, String why) {
        boolean handshake = state < OPEN;
        state = ENDED;
        cancelDeadline();
        if (handshake && reason == FailureReason.PROTOCOL_ERROR) {
            session.rejected(why);
        } else {
            session.violated(reason, why);
        }
    }

    @Override
    protected void publish(ChannelHandlerContext ctx, ByteBuf payload, ChannelPromise promise) {
        if (state != OPEN) {
            discard(payload, promise, new IllegalStateException("the Socket.IO namespace is not connected"));
            return;
        }
        if (publishValues == null) {
            publishValues = new PublishValues(session.values());
        }
        ByteBuf frame = ctx.alloc().buffer(protocol.publishFrame().maxBytes(32) + payload.readableBytes());
        publishValues.payload(payload);
        try {
            protocol.publishFrame().write(frame, publishValues);
        } catch (RuntimeException e) {
            frame.release();
            promise.tryFailure(e);
            return;
        } finally {
            publishValues.payload(null);
            payload.release();
        }
        writePublish(ctx, frame, true, promise);
    }

    @Override
    protected void ended() {
        if (state < OPEN) {
            // A close before the subscription was acknowledged is the server's refusal of it.
            state = ENDED;
            session.rejected("the server closed the connection during the Socket.IO handshake");
        }
        state = ENDED;
    }

    /** A packet type for a one-line message: {@code 'x'} when printable ASCII, else {@code 0x0a}. */
    private static String shown(byte b) {
        return b > 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("0x%02x", b & 0xff);
    }

    /** The start of what the server said, on one line. */
    private static String reason(ByteBuf buf, int from, int to) {
        return buf.toString(from, Math.min(to - from, MAX_REASON_BYTES), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", " ");
    }
}
