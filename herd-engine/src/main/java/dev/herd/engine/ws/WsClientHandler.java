package dev.herd.engine.ws;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionHandler;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.connect.ProtocolViolation;
import dev.herd.engine.receive.ReceiveBudget;
import dev.herd.engine.receive.StampReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a WebSocket client's pipeline: reports each phase to its {@link ClientSession} (the upgrade
 * itself is {@link WsUpgradeHandler}'s), then hands complete messages to the {@link StampReceiver} without copying
 * them. A text message that is not UTF-8 fails the connection (close code 1007), as RFC 6455 §8.1 requires.
 */
final class WsClientHandler extends SessionHandler
        implements WsFrameDecoder.InPlaceMessages, WsUpgradeHandler.Outcome {

    private final StampReceiver receiver;
    private final int maxFrameBytes;
    private final ReceiveBudget budget;
    private final Utf8Validation utf8 = new Utf8Validation();
    private boolean closeSent;
    /** A protocol stage follows this handler: data messages go to it instead of the stamp scan. */
    private boolean forward;
    /** Whole data frames come straight from the decoder (no extension transforms them): set once upgraded. */
    private final boolean inPlace;
    private WsFrameDecoder decoder;
    private ChannelHandlerContext ctx;

    /**
     * {@code inPlace}: no extension (permessage-deflate) may transform frames, so whole data frames may be read in
     * place by the decoder and handed to this handler without frame objects ({@link WsFrameDecoder#readInPlace}).
     */
    WsClientHandler(ClientSession session, StampReceiver receiver, int maxFrameBytes, ReceiveBudget budget,
                    boolean inPlace) {
        super(session);
        this.receiver = receiver;
        this.maxFrameBytes = maxFrameBytes;
        this.budget = budget;
        this.inPlace = inPlace && receiver != null;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            WebSocketFrame frame = (WebSocketFrame) msg;
            try {
                if (frame instanceof TextWebSocketFrame && !utf8.isValid(frame.content())) {
                    failConnection(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA,
                            new ProtocolViolation(FailureReason.INVALID_UTF8, "a text message is not UTF-8"));
                    return;
                }
                if (forward) {
                    ctx.fireChannelRead(frame.retain());
                } else if (receiver != null) {
                    session.messageArrived();
                    receiver.onMessage(frame.content());
                }
            } finally {
                frame.release();
            }
        } else if (msg instanceof PingWebSocketFrame ping) {
            // The pong carries the ping's payload: ownership of the buffer moves to the write.
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
        } else if (msg instanceof CloseWebSocketFrame close) {
            int code = close.statusCode();
            close.release();
            session.closeCodeReceived(code < 0 ? 1005 : code);
            if (!closeSent) {
                closeSent = true;
                ctx.writeAndFlush(new CloseWebSocketFrame(code < 0 ? 1000 : code, ""))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * The upgrade succeeded ({@link WsUpgradeHandler}, which has left the pipeline): whole data frames are read in
     * place from now on where nothing transforms them, and the session learns it is upgraded.
     */
    @Override
    public void upgraded() {
        if (inPlace && !forward) {
            decoder = ctx.pipeline().get(WsFrameDecoder.class);
            if (decoder != null) {
                decoder.readInPlace(this);
            }
        }
        session.upgraded();
    }

    @Override
    public void refused(int status) {
        // 4xx other than 408/429 says "don't retry this request as is"; herd still follows the policy, because a
        // load test's clients keep knocking like real ones do.
        session.rejected(status, true);
    }

    @Override
    public void broken(ProtocolViolation why) {
        session.handshakeFailed(why);
    }

    /** Fails the connection as RFC 6455 §7.1.7 says: a close frame with the code, then the end of the connection. */
    private void failConnection(ChannelHandlerContext ctx, WebSocketCloseStatus status, ProtocolViolation why) {
        if (!closeSent) {
            closeSent = true;
            ctx.writeAndFlush(new CloseWebSocketFrame(status));
        }
        session.errorCaught(why);
    }

    /** From now on, data messages go to the next handler (the protocol stage), which releases them. */
    void forwardMessages() {
        forward = true;
        if (decoder != null) {
            decoder.readInPlace(null);
            decoder = null;
        }
    }

    /** A whole data message the decoder read in place: what {@link #channelRead} does with a data frame. */
    @Override
    public void message(ByteBuf buf, int index, int length, boolean text) {
        if (text && !utf8.isValid(buf, index, length)) {
            failConnection(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA,
                    new ProtocolViolation(FailureReason.INVALID_UTF8, "a text message is not UTF-8"));
            return;
        }
        session.messageArrived();
        receiver.onMessage(buf, index, length);
    }

    void markCloseSent() {
        closeSent = true;
    }
}
