package dev.herd.engine.protocol.graphqlws;

import static dev.herd.engine.protocol.graphqlws.GraphqlWsMessageReader.MALFORMED;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.protocol.ProtocolStage;
import dev.herd.engine.protocol.json.JsonFrameTemplate;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.nio.charset.StandardCharsets;

/**
 * One connection's graphql-transport-ws: {@code connection_init} at once (servers close a connection that does not
 * send it in time), {@code connection_ack}, then the {@code subscribe}; the subscription counts as acknowledged once
 * that message is written, since the protocol has no reply to it. Then each {@code next} of the subscription goes to
 * the stamp scan, pings are answered with pongs, and an {@code error} or {@code complete} from the server ends it.
 */
final class GraphqlWsStage extends ProtocolStage {

    private static final byte AWAIT_ACK = 0;
    /** Acknowledged by the server, the subscribe being written. */
    private static final byte SUBSCRIBING = 1;
    private static final byte OPEN = 2;
    private static final byte ENDED = 3;

    private static final byte[] PONG = "{\"type\":\"pong\"}".getBytes(StandardCharsets.US_ASCII);
    /** The longest part of an error message kept for the log. */
    private static final int MAX_REASON_BYTES = 200;

    private final GraphqlWsProtocol protocol;
    private byte state = AWAIT_ACK;

    GraphqlWsStage(ProtocolSession session, GraphqlWsProtocol protocol) {
        super(session);
        this.protocol = protocol;
    }

    @Override
    protected void started(ChannelHandlerContext ctx) {
        send(ctx, protocol.initFrame());
    }

    @Override
    protected void received(ChannelHandlerContext ctx, ByteBuf content, boolean text) {
        if (state == ENDED) {
            return;
        }
        int from = content.readerIndex();
        int to = content.writerIndex();
        int read = GraphqlWsMessageReader.read(content, from, to, protocol.subscriptionId());
        if (read == MALFORMED) {
            end(FailureReason.PROTOCOL_MALFORMED, "a message that is not a JSON object with a type");
            return;
        }
        boolean ours = GraphqlWsMessageReader.ours(read);
        switch (GraphqlWsMessageReader.type(read)) {
            case GraphqlWsMessageReader.NEXT -> {
                if (ours) {
                    session.deliver(content, from, to - from);
                }
            }
            case GraphqlWsMessageReader.PING -> send(ctx, ctx.alloc().buffer(PONG.length).writeBytes(PONG), true);
            case GraphqlWsMessageReader.CONNECTION_ACK -> acknowledged(ctx);
            case GraphqlWsMessageReader.ERROR -> {
                if (ours || state == AWAIT_ACK) {
                    end(FailureReason.PROTOCOL_ERROR, "the server sent an error: " + reason(content, from, to));
                }
            }
            case GraphqlWsMessageReader.COMPLETE -> {
                if (ours) {
                    end(FailureReason.PROTOCOL_ERROR, "the server completed the subscription");
                }
            }
            default -> {
                // pong, and types the protocol may add: nothing to do.
            }
        }
    }

    private void acknowledged(ChannelHandlerContext ctx) {
        if (state != AWAIT_ACK) {
            return;
        }
        if (session.role() == ClientRole.PUBLISHER) {
            open();
            return;
        }
        state = SUBSCRIBING;
        send(ctx, protocol.subscribeFrame()).addListener(f -> {
            if (f.isSuccess() && state == SUBSCRIBING) {
                open();
            }
        });
    }

    private void open() {
        state = OPEN;
        session.subscribed();
    }

    /** An error or complete: a refusal during the handshake, a protocol error once subscribed. */
    private void end(FailureReason reason, String why) {
        boolean handshake = state < OPEN;
        state = ENDED;
        if (handshake && reason == FailureReason.PROTOCOL_ERROR) {
            session.rejected(why);
        } else {
            session.violated(reason, why);
        }
    }

    private ChannelFuture send(ChannelHandlerContext ctx, JsonFrameTemplate template) {
        ByteBuf frame = ctx.alloc().buffer(template.maxBytes(32));
        try {
            template.write(frame, session.values());
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
        return send(ctx, frame, true);
    }

    @Override
    protected void publish(ChannelHandlerContext ctx, ByteBuf payload, ChannelPromise promise) {
        discard(payload, promise, new UnsupportedOperationException(
                "graphql-ws does not publish over its WebSocket: publish by HTTP (a mutation)"));
    }

    @Override
    protected void ended() {
        if (state < OPEN) {
            // A close before the subscription was acknowledged is the server's refusal (4403, 4400, 4408, …).
            session.rejected("the server closed the connection during the graphql-ws handshake");
        }
        state = ENDED;
    }

    /** The start of what the server said, on one line. */
    private static String reason(ByteBuf buf, int from, int to) {
        return buf.toString(from, Math.min(to - from, MAX_REASON_BYTES), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", " ");
    }
}
