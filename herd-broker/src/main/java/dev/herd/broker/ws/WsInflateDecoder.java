package dev.herd.broker.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses the messages a permessage-deflate client sends (RFC 7692 §7.2.2): a message whose first frame has
 * RSV1 set is inflated, frame by frame, with {@code 00 00 ff ff} appended after its last frame; other messages
 * pass through. The decompressed size of a message is held to {@code maxMessageBytes}, checked while inflating
 * so that a small frame cannot make the target allocate a large buffer (a "zip bomb").
 *
 * <pre>{@code
 * pipeline.addAfter("ws-decoder", "ws-inflate", new WsInflateDecoder(maxFrameBytes, clientNoContextTakeover));
 * }</pre>
 *
 * <p>Errors follow Netty's frame decoder: a message too large is a {@link TooLongFrameException} (the frame
 * handler closes with 1009); bytes that do not inflate, or RSV bits the extension does not allow, write a close
 * frame (1007, 1002) here and raise a {@link CorruptedFrameException}.
 */
final class WsInflateDecoder extends MessageToMessageDecoder<WebSocketFrame> {

    private static final int RSV1 = 0x4;
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};
    /** Output room granted at a time; with the size limit, what bounds the memory of one message. */
    private static final int OUTPUT_STEP = 8192;

    private final int maxMessageBytes;
    private final boolean noContextTakeover;
    private Inflater inflater;
    /** Inside a compressed message whose last frame has not come yet. */
    private boolean inCompressedMessage;
    private long messageBytes;
    private boolean failed;

    /**
     * @param maxMessageBytes    the most bytes one message may inflate to
     * @param noContextTakeover  the client agreed to compress each message on its own, so the inflater's
     *                           window can be dropped after every message
     */
    WsInflateDecoder(int maxMessageBytes, boolean noContextTakeover) {
        super(WebSocketFrame.class);
        this.maxMessageBytes = maxMessageBytes;
        this.noContextTakeover = noContextTakeover;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        boolean data = frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame;
        boolean continuation = frame instanceof ContinuationWebSocketFrame;
        int rsv = frame.rsv();
        if ((rsv & ~RSV1) != 0 || (rsv != 0 && !data)) {
            // RSV2 and RSV3 mean nothing here; RSV1 belongs on a message's first frame only (§6).
            fail(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "unexpected RSV bits " + rsv);
            return;
        }
        if (failed && (data || continuation)) {
            return; // the connection is closing; the frame is released by the caller
        }
        boolean compressed = data ? (rsv & RSV1) != 0 : continuation && inCompressedMessage;
        if (!compressed) {
            out.add(frame.retain());
            return;
        }
        ByteBuf inflated = inflate(ctx, frame);
        if (inflated == null) {
            return;
        }
        boolean last = frame.isFinalFragment();
        inCompressedMessage = !last;
        if (last) {
            messageBytes = 0;
        }
        if (frame instanceof TextWebSocketFrame) {
            out.add(new TextWebSocketFrame(last, 0, inflated));
        } else if (frame instanceof BinaryWebSocketFrame) {
            out.add(new BinaryWebSocketFrame(last, 0, inflated));
        } else {
            out.add(new ContinuationWebSocketFrame(last, 0, inflated));
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        endInflater();
        super.handlerRemoved(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        endInflater();
        super.channelInactive(ctx);
    }

    /** The frame's content inflated (plus the tail after a message's last frame), or null after a failure. */
    private ByteBuf inflate(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (inflater == null) {
            inflater = new Inflater(true); // raw DEFLATE, no zlib wrapper
        }
        ByteBuf content = frame.content();
        ByteBuf out = ctx.alloc().buffer(Math.min(maxMessageBytes, content.readableBytes() * 2) + 64);
        try {
            for (ByteBuffer input : content.nioBuffers(content.readerIndex(), content.readableBytes())) {
                inflateFrom(input, out);
            }
            if (frame.isFinalFragment()) {
                inflateFrom(ByteBuffer.wrap(TAIL), out);
                if (noContextTakeover || inflater.finished()) {
                    // A block with BFINAL set ends the DEFLATE stream: the next message starts a new one.
                    inflater.reset();
                }
            }
            return out;
        } catch (DataFormatException e) {
            out.release();
            fail(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "invalid compressed data: " + e.getMessage());
            return null;
        } catch (TooLongFrameException e) {
            out.release();
            failed = true;
            throw e;
        }
    }

    private void inflateFrom(ByteBuffer input, ByteBuf out) throws DataFormatException {
        inflater.setInput(input);
        while (!inflater.finished() && !inflater.needsInput()) {
            if (inflater.needsDictionary()) {
                throw new DataFormatException("a preset dictionary is not part of permessage-deflate");
            }
            // Grant room in steps, never much past the limit, so an inflating message cannot grow unchecked.
            out.ensureWritable((int) Math.min(OUTPUT_STEP, maxMessageBytes - messageBytes + 1));
            ByteBuffer room = out.nioBuffer(out.writerIndex(), out.writableBytes());
            int written = inflater.inflate(room);
            out.writerIndex(out.writerIndex() + written);
            messageBytes += written;
            if (messageBytes > maxMessageBytes) {
                throw new TooLongFrameException("a compressed message inflates to more than " + maxMessageBytes
                        + " bytes");
            }
        }
    }

    /** Closes as Netty's frame decoder does on a protocol violation: close frame, then close, then raise. */
    private void fail(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        failed = true;
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(status, reason.length() > 100 ? status.reasonText() : reason))
                    .addListener(ChannelFutureListener.CLOSE);
        }
        throw new CorruptedFrameException(reason);
    }

    private void endInflater() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
