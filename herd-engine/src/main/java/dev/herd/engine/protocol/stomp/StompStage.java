package dev.herd.engine.protocol.stomp;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.protocol.ProtocolStage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.TimeUnit;

/**
 * One connection's STOMP: CONNECT, then for a subscriber SUBSCRIBE with a receipt; each MESSAGE's body goes to the
 * stamp scan in place, heart-beats go both ways as negotiated, and a publisher's payloads go out as SEND frames.
 *
 * <p>Per connection it holds a state, the negotiated version and server heart-beat, and a frame reader that owns a
 * buffer (within the run's message limit and receive budget) only while a frame is split across WebSocket messages.
 */
final class StompStage extends ProtocolStage implements StompFrameReader.Listener {

    private static final byte CONNECTING = 0;
    private static final byte SUBSCRIBING = 1;
    private static final byte OPEN = 2;
    private static final byte ENDED = 3;
    private static final int MAX_REASON_CHARS = 200;
    private static final byte[] V1_1 = {'1', '.', '1'};
    private static final byte[] V1_2 = {'1', '.', '2'};
    private static final byte[] SUBSCRIBE_RECEIPT = StompFrameWriter.ascii(StompFrameWriter.SUBSCRIBE_RECEIPT);

    private final StompProtocol protocol;
    private final StompFrameReader reader;
    private byte state = CONNECTING;
    /** 10, 11 or 12: the version the server chose in CONNECTED. */
    private byte version = 10;
    /** ACKs were written during this message and wait for one flush. */
    private boolean acksWritten;
    /** How long the server may stay silent (twice its negotiated heart-beat); 0 when it sends none. */
    private long serverSilenceNanos;
    private long lastHeardNanos;

    StompStage(StompProtocol protocol, ProtocolSession session) {
        super(session);
        this.protocol = protocol;
        this.reader = new StompFrameReader(session.maxMessageBytes(), session.receiveShare());
    }

    @Override
    protected void started(ChannelHandlerContext ctx) {
        sendText(ctx, protocol.connectFrame(), session.values());
    }

    @Override
    protected void received(ChannelHandlerContext ctx, ByteBuf content, boolean text) {
        if (state == ENDED) {
            return;
        }
        if (serverSilenceNanos > 0) {
            lastHeardNanos = nowNanos();
        }
        FailureReason broken = reader.read(ctx.alloc(), content, this);
        if (acksWritten) {
            acksWritten = false;
            ctx.flush();
        }
        if (broken != null && state != ENDED) {
            end();
            session.violated(broken, reader.problem());
        }
    }

    @Override
    public boolean onFrame(StompFrame frame) {
        switch (frame.command()) {
            case MESSAGE -> {
                return message(frame);
            }
            case CONNECTED -> {
                return state != CONNECTING || connected(frame);
            }
            case RECEIPT -> {
                if (state == SUBSCRIBING && frame.find(StompFrame.RECEIPT_ID)
                        && frame.valueIs(SUBSCRIBE_RECEIPT)) {
                    state = OPEN;
                    session.subscribed();
                }
                return true;
            }
            case ERROR -> {
                error(frame);
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    private boolean connected(StompFrame frame) {
        if (frame.find(StompFrame.VERSION)) {
            version = frame.valueIs(V1_2) ? (byte) 12 : frame.valueIs(V1_1) ? (byte) 11 : (byte) 10;
        }
        long serverSends = 0;
        long serverWants = 0;
        if (frame.find(StompFrame.HEART_BEAT)) {
            ByteBuf buf = frame.buffer();
            int from = frame.valueIndex();
            int to = from + frame.valueLength();
            int comma = buf.indexOf(from, to, (byte) ',');
            serverSends = comma < 0 ? -1 : StompFrameReader.decimal(buf, from, comma);
            serverWants = comma < 0 ? -1 : StompFrameReader.decimal(buf, comma + 1, to);
            if (serverSends < 0 || serverWants < 0) {
                String why = "the STOMP CONNECTED frame's heart-beat is not two numbers: " + frame.valueText(40);
                end();
                session.violated(FailureReason.PROTOCOL_MALFORMED, why);
                return false;
            }
        }
        long ours = protocol.heartbeatMillis();
        startHeartbeats(StompHeartbeat.interval(ours, serverWants), StompHeartbeat.interval(serverSends, ours));
        if (session.role() == ClientRole.PUBLISHER) {
            state = OPEN;
            session.subscribed();
        } else {
            state = SUBSCRIBING;
            sendText(context(), protocol.subscribeFrame(), session.values());
        }
        return true;
    }

    private void startHeartbeats(long clientMillis, long serverMillis) {
        if (clientMillis > 0) {
            every(TimeUnit.MILLISECONDS.toNanos(clientMillis), this::sendHeartbeat);
        }
        if (serverMillis > 0) {
            serverSilenceNanos = TimeUnit.MILLISECONDS.toNanos(2 * serverMillis);
            lastHeardNanos = nowNanos();
            deadline(serverSilenceNanos, this::checkServerHeard);
        }
    }

    private void sendHeartbeat() {
        ChannelHandlerContext ctx = context();
        send(ctx, ctx.alloc().buffer(1).writeByte('\n'), true);
    }

    /** Fails the connection once the server has been silent for twice its interval; else looks again then. */
    private void checkServerHeard() {
        if (state == ENDED) {
            return;
        }
        long silentNanos = nowNanos() - lastHeardNanos;
        if (silentNanos >= serverSilenceNanos) {
            end();
            session.violated(FailureReason.HEARTBEAT_TIMEOUT, "no STOMP frame or heart-beat from the server for "
                    + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms (twice its heart-beat)");
        } else {
            deadline(serverSilenceNanos - silentNanos, this::checkServerHeard);
        }
    }

    private boolean message(StompFrame frame) {
        session.deliver(frame.buffer(), frame.bodyIndex(), frame.bodyLength());
        if (!protocol.ackMode().acks()) {
            return true;
        }
        // STOMP 1.2 acknowledges by the MESSAGE's ack header; 1.0 and 1.1 by message-id and subscription.
        boolean found = version == 12 && frame.find(StompFrame.ACK) || frame.find(StompFrame.MESSAGE_ID);
        if (!found) {
            end();
            session.violated(FailureReason.PROTOCOL_MALFORMED,
                    "a STOMP MESSAGE has no " + (version == 12 ? "ack or " : "") + "message-id header to ACK it by");
            return false;
        }
        ChannelHandlerContext ctx = context();
        ByteBuf ack = ctx.alloc().buffer(StompFrameWriter.ACK_BYTES + frame.valueLength());
        StompFrameWriter.writeAck(ack, version == 12, frame.buffer(), frame.valueIndex(), frame.valueLength());
        ctx.write(new TextWebSocketFrame(ack));
        acksWritten = true;
        return true;
    }

    private void error(StompFrame frame) {
        String why = "STOMP ERROR" + (frame.find(StompFrame.MESSAGE) ? ": " + frame.valueText(MAX_REASON_CHARS) : "");
        byte was = state;
        end();
        if (was == OPEN) {
            session.violated(FailureReason.PROTOCOL_ERROR, why);
        } else {
            session.rejected(why);
        }
    }

    @Override
    protected void publish(ChannelHandlerContext ctx, ByteBuf payload, ChannelPromise promise) {
        if (state != OPEN) {
            discard(payload, promise, new IllegalStateException("the STOMP connection is not open"));
            return;
        }
        ByteBuf frame;
        try {
            frame = ctx.alloc().buffer(protocol.sendHead().maxBytes(64) + 32 + payload.readableBytes());
            try {
                StompFrameWriter.writeSend(frame, protocol.sendHead(), session.values(), payload);
            } catch (RuntimeException e) {
                frame.release();
                throw e;
            }
        } catch (RuntimeException e) {
            discard(payload, promise, e);
            return;
        }
        payload.release();
        writePublish(ctx, frame, true, promise);
    }

    @Override
    protected void ended() {
        reader.release();
        byte was = state;
        state = ENDED;
        if (was == CONNECTING || was == SUBSCRIBING) {
            session.rejected("the server closed the connection during the STOMP handshake");
        }
    }

    /** No more frames are handled; the reader's buffer goes with the connection ({@link #ended()}). */
    private void end() {
        state = ENDED;
    }
}
