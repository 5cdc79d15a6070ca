package dev.herd.broker.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * Encodes a complete server-to-client data frame whose payload is compressed on its own, as permessage-deflate
 * with {@code server_no_context_takeover} allows (RFC 7692 §7.2.1): FIN and RSV1 set, raw DEFLATE flushed with
 * a sync flush, and the flush's trailing {@code 00 00 ff ff} removed. Because no message depends on the ones
 * before it, a topic compresses each message once and every compressing subscriber gets the same bytes.
 *
 * <pre>{@code
 * WsDeflatePreEncoder encoder = new WsDeflatePreEncoder();   // one per event loop: not thread-safe
 * ByteBuf frame = encoder.encode(alloc, false, payload);      // on that loop only
 * encoder.close();                                             // frees the native compressor
 * }</pre>
 */
public final class WsDeflatePreEncoder implements AutoCloseable {

    /** The empty stored block a sync flush ends with; RFC 7692 §7.2.1 has the sender drop it. */
    private static final int SYNC_FLUSH_TAIL = 0x0000FFFF;
    /** Room for output granted at a time; the buffer grows in steps of at least this. */
    private static final int MIN_OUTPUT_STEP = 256;

    /** Created on first use: a deflater holds ~256 KiB of native memory, and most targets never compress. */
    private Deflater deflater;

    /**
     * The compressed frame carrying {@code payload}'s readable bytes; {@code payload} is neither consumed nor
     * released. The frame's reader index may be past 0: the header is written in front of the compressed bytes
     * once their length is known, so nothing is copied.
     */
    public ByteBuf encode(ByteBufAllocator alloc, boolean binary, ByteBuf payload) {
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true); // raw DEFLATE, no zlib wrapper
        }
        int length = payload.readableBytes();
        ByteBuf frame = alloc.buffer(WsFramePreEncoder.MAX_HEADER_BYTES + length / 2 + MIN_OUTPUT_STEP);
        try {
            frame.writerIndex(WsFramePreEncoder.MAX_HEADER_BYTES);
            for (ByteBuffer input : payload.nioBuffers(payload.readerIndex(), length)) {
                deflater.setInput(input);
                while (!deflater.needsInput()) {
                    deflateInto(frame, Deflater.NO_FLUSH);
                }
            }
            // A sync flush that fills the room it was given may have more to write.
            while (deflateInto(frame, Deflater.SYNC_FLUSH)) {
                // keep flushing
            }
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        } finally {
            // server_no_context_takeover: the next message starts from an empty window.
            deflater.reset();
        }
        int end = frame.writerIndex();
        if (end - WsFramePreEncoder.MAX_HEADER_BYTES >= 4 && frame.getInt(end - 4) == SYNC_FLUSH_TAIL) {
            frame.writerIndex(end - 4);
        }
        int compressedLength = frame.writerIndex() - WsFramePreEncoder.MAX_HEADER_BYTES;
        int start = WsFramePreEncoder.MAX_HEADER_BYTES - WsFramePreEncoder.headerLength(compressedLength);
        WsFramePreEncoder.writeHeader(frame, start,
                WsFramePreEncoder.FIN | WsFramePreEncoder.RSV1 | WsFramePreEncoder.opcode(binary), compressedLength);
        return frame.readerIndex(start);
    }

    /** Frees the native compressor; call on the encoder's loop, or once that loop has stopped. */
    @Override
    public void close() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }

    /** Runs the deflater once into the frame's free space; true when it filled all of it. */
    private boolean deflateInto(ByteBuf frame, int flush) {
        frame.ensureWritable(MIN_OUTPUT_STEP);
        ByteBuffer output = frame.nioBuffer(frame.writerIndex(), frame.writableBytes());
        int room = output.remaining();
        int written = deflater.deflate(output, flush);
        frame.writerIndex(frame.writerIndex() + written);
        return written == room;
    }
}
