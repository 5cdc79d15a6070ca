package dev.herd.engine.ws;

import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.connect.ProtocolViolation;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.util.List;

/**
 * Netty's frame decoder for what a server sends, with a way around it for the common frame: once told where whole
 * messages go ({@link #readInPlace}), a final, unmasked text or binary frame without reserved bits, within the size
 * limit and wholly in the bytes read (RFC 6455 §5.2), is handed on as a range of the read buffer, with no frame
 * object, slice or pipeline pass per message. Every other frame (control frames, fragments, anything the RFC forbids,
 * frames read in part) goes through Netty's decoder as before, one whole frame at a time, so its checks and errors
 * stay Netty's. The message aggregator joins the pipeline when the first fragmented message starts. Its cumulation (a frame read in part, up to the largest message accepted) draws on the run's receive
 * budget beyond its free allowance: a frame the budget cannot hold fails the connection ({@code local_receive_budget})
 * instead of growing herd's memory.
 *
 * <pre>{@code
 * decoder.readInPlace((buf, index, length, text) -> receiver.onMessage(buf, index, length));  // after the upgrade
 * decoder.readInPlace(null);                                                                  // frames again
 * }</pre>
 */
final class WsFrameDecoder extends WebSocket13FrameDecoder {

    /** Where a whole data message read in place goes; the buffer is the decoder's, only valid during the call. */
    interface InPlaceMessages {
        void message(ByteBuf buf, int index, int length, boolean text);
    }

    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;
    private static final int OPCODE_CLOSE = 0x8;

    /** The configuration of the last decoder made: every connection of a run has the same, so they share it. */
    private static volatile WebSocketDecoderConfig shared;

    private final ReceiveBudget runBudget;
    private final ReceiveBudget.Share budget;
    private final int maxFrameBytes;
    private InPlaceMessages inPlace;
    /** Bytes of the frame Netty's decoder is reading that it has not consumed yet (0: at a frame's start). */
    private long nettyFrameLeft;
    private int nettyFrameOpcode;
    private boolean nettyFrameFinal;
    /** A fragmented message is being read: its frames, and any between them, go through Netty's decoder. */
    private boolean fragmented;
    /** After a close frame or an error, Netty's decoder discards what follows: everything goes to it. */
    private boolean nettyOnly;

    /**
     * {@code budget}: the run's receive budget, which this decoder's cumulation and, once a message comes in fragments,
     * the message aggregator it adds draw on.
     */
    WsFrameDecoder(boolean allowExtensions, int maxFrameBytes, ReceiveBudget budget) {
        super(config(allowExtensions, maxFrameBytes));
        this.runBudget = budget;
        this.budget = budget.share();
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Netty's decoder settings: unmasked frames only (a server never masks), extensions when offered. */
    private static WebSocketDecoderConfig config(boolean allowExtensions, int maxFrameBytes) {
        WebSocketDecoderConfig c = shared;
        if (c == null || c.allowExtensions() != allowExtensions || c.maxFramePayloadLength() != maxFrameBytes) {
            c = WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).allowMaskMismatch(false)
                    .allowExtensions(allowExtensions).maxFramePayloadLength(maxFrameBytes).build();
            shared = c;
        }
        return c;
    }

    /** Hands whole data frames to {@code messages} from now on (null: as frame objects down the pipeline again). */
    void readInPlace(InPlaceMessages messages) {
        this.inPlace = messages;
    }

    /** True while whole data frames are handed on in place. */
    boolean readsInPlace() {
        return inPlace != null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        // The common case: nothing cumulated, at a frame's start, whole messages in the read. Not passing the
        // read on also keeps the decoder from asking for another read when auto-read is off, as a decoded
        // message would.
        if (inPlace != null && msg instanceof ByteBuf buf && atFrameStart() && !internalBuffer().isReadable()) {
            try {
                deliverWholeFrames(buf);
            } catch (Throwable t) {
                buf.release();
                throw t;
            }
            if (!buf.isReadable()) {
                buf.release();
                return;
            }
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (inPlace != null && atFrameStart()) {
            deliverWholeFrames(in);
        }
        if (in.isReadable()) {
            decodeOneFrame(ctx, in, out);
        }
        // What is left is a frame not yet complete; a small one costs nothing, a large one is charged until read.
        if (!budget.hold(in.readableBytes())) {
            in.skipBytes(in.readableBytes());
            throw new ProtocolViolation(FailureReason.LOCAL_RECEIVE_BUDGET,
                    "the run's receive budget cannot hold a WebSocket frame of this size");
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        budget.release();
    }

    private boolean atFrameStart() {
        return nettyFrameLeft == 0 && !fragmented && !nettyOnly;
    }

    /**
     * Hands on each whole frame at the reader index that needs no decoder of its own (final, unmasked, text or
     * binary, no reserved bits, its length minimally encoded and within the limit), moving past it; stops at the
     * first other frame or at a frame not wholly read.
     */
    private void deliverWholeFrames(ByteBuf in) {
        int i = in.readerIndex();
        int end = in.writerIndex();
        while (end - i >= 2) {
            int first = in.getUnsignedByte(i);
            int second = in.getUnsignedByte(i + 1);
            int opcode = first & 0x0F;
            // FIN set, RSV1-3 clear, a data opcode, the mask bit clear (a server never masks: §5.1).
            if ((first & 0xF0) != 0x80 || (opcode != OPCODE_TEXT && opcode != OPCODE_BINARY) || (second & 0x80) != 0) {
                return;
            }
            int header;
            long length = second & 0x7F;
            if (length == 126) {
                if (end - i < 4) {
                    return;
                }
                length = in.getUnsignedShort(i + 2);
                if (length < 126) {
                    return; // not minimal: Netty's decoder names the violation
                }
                header = 4;
            } else if (length == 127) {
                if (end - i < 10) {
                    return;
                }
                length = in.getLong(i + 2);
                if (length < 65536) {
                    return; // not minimal, or negative
                }
                header = 10;
            } else {
                header = 2;
            }
            if (length > maxFrameBytes || end - i - header < length) {
                return;
            }
            int next = i + header + (int) length;
            in.readerIndex(next);
            inPlace.message(in, i + header, (int) length, opcode == OPCODE_TEXT);
            i = next;
        }
    }

    /**
     * Lets Netty's decoder read from the frame at the reader index, keeping count of where that frame ends: Netty's
     * decoder reads one frame per call, and may stop inside one until more bytes come.
     */
    private void decodeOneFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (nettyOnly) {
            super.decode(ctx, in, out);
            return;
        }
        if (nettyFrameLeft == 0) {
            if (!startFrame(in)) {
                return; // the header is not wholly read yet: wait for it, as Netty's decoder would
            }
            if (!nettyFrameFinal && (nettyFrameOpcode == OPCODE_TEXT || nettyFrameOpcode == OPCODE_BINARY)) {
                addAggregator(ctx);
            }
        }
        int before = in.readerIndex();
        try {
            super.decode(ctx, in, out);
        } catch (Exception | Error e) {
            nettyOnly = true; // Netty's decoder is corrupt now and discards the rest
            throw e;
        }
        nettyFrameLeft -= in.readerIndex() - before;
        if (nettyFrameLeft <= 0) {
            nettyFrameLeft = 0;
            if (nettyFrameOpcode == OPCODE_CLOSE) {
                nettyOnly = true;
            } else if (nettyFrameOpcode == OPCODE_TEXT || nettyFrameOpcode == OPCODE_BINARY) {
                fragmented = !nettyFrameFinal;
            } else if (nettyFrameOpcode == OPCODE_CONTINUATION && nettyFrameFinal) {
                fragmented = false;
            }
        }
    }

    /**
     * Puts the message aggregator in the pipeline when the first fragmented message starts: most connections never
     * receive one, and an idle connection holds less without it. It goes before herd's handler ({@code ws}), after
     * any extension's decoder.
     */
    private void addAggregator(ChannelHandlerContext ctx) {
        ChannelPipeline p = ctx.pipeline();
        if (p.get(WsMessageAggregator.class) != null) {
            return;
        }
        WsMessageAggregator aggregator = new WsMessageAggregator(maxFrameBytes, runBudget.share());
        if (p.context(WsSession.HANDLER_NAME) != null) {
            p.addBefore(WsSession.HANDLER_NAME, WsMessageAggregator.NAME, aggregator);
        } else {
            p.addAfter(ctx.name(), WsMessageAggregator.NAME, aggregator);
        }
    }

    /** Reads the header of the frame at the reader index (not moving it); false when it is not wholly there. */
    private boolean startFrame(ByteBuf in) {
        int i = in.readerIndex();
        int readable = in.readableBytes();
        if (readable < 2) {
            return false;
        }
        int first = in.getUnsignedByte(i);
        int second = in.getUnsignedByte(i + 1);
        long length = second & 0x7F;
        int header = 2;
        if (length == 126) {
            if (readable < 4) {
                return false;
            }
            length = in.getUnsignedShort(i + 2);
            header = 4;
        } else if (length == 127) {
            if (readable < 10) {
                return false;
            }
            length = in.getLong(i + 2);
            header = 10;
        }
        if ((second & 0x80) != 0) {
            header += 4; // a masking key: Netty's decoder refuses the frame, having read its header
        }
        nettyFrameOpcode = first & 0x0F;
        nettyFrameFinal = (first & 0x80) != 0;
        // A length Netty's decoder refuses (too large, negative) never completes: it throws on the header.
        nettyFrameLeft = length < 0 || length > Integer.MAX_VALUE ? Long.MAX_VALUE : header + length;
        return true;
    }
}
