package dev.herd.broker.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;

/**
 * Encodes Server-Sent Events (<a href="https://html.spec.whatwg.org/multipage/server-sent-events.html">WHATWG
 * HTML, "Server-sent events"</a>) straight into complete HTTP/1.1 chunks ({@code <hex length>\r\n<event>\r\n},
 * RFC 9112 §7.1), because an SSE stream's bytes are written raw once its headers are out: the HTTP codec is no
 * longer in the pipeline, and one chunk is shared by every subscriber of a topic.
 *
 * <pre>{@code
 * ByteBuf chunk = SseEventEncoder.encodeEvent(alloc, 42, payload); // "id: 42\ndata: ...\n\n" framed as a chunk
 * }</pre>
 *
 * <p>A message's line breaks (LF, CR or CRLF) split it into several {@code data:} lines, which a WHATWG parser
 * joins back with LF: a message keeps its lines, but CR and CRLF come back as LF. Bytes are copied as they are;
 * SSE is a UTF-8 stream, so a binary message reaches SSE subscribers as whatever their decoder makes of it.
 */
public final class SseEventEncoder {

    private static final byte[] ID = ascii("id: ");
    private static final byte[] DATA = ascii("data: ");
    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] HEARTBEAT_CHUNK = chunkOf(": hb\n\n");
    private static final byte[] END_OF_STREAM = ascii("0\r\n\r\n");

    private SseEventEncoder() {
    }

    /**
     * One event, {@code id: <id>} then {@code data} as {@code data:} lines, as a chunk. Reads {@code data}
     * without consuming or releasing it.
     */
    public static ByteBuf encodeEvent(ByteBufAllocator alloc, long id, ByteBuf data) {
        int start = data.readerIndex();
        int end = data.writerIndex();
        // First pass: count lines and line-break bytes, so the chunk is allocated once at its exact size.
        int lines = 1;
        int breakBytes = 0;
        for (int i = nextBreak(data, start, end); i >= 0; i = nextBreak(data, i, end)) {
            int width = isCrLf(data, i, end) ? 2 : 1;
            lines++;
            breakBytes += width;
            i += width;
        }
        byte[] idDigits = ascii(Long.toString(id));
        int payload = ID.length + idDigits.length + 1
                + lines * (DATA.length + 1) + (end - start - breakBytes)
                + 1;
        ByteBuf chunk = allocateChunk(alloc, payload);
        chunk.writeBytes(ID).writeBytes(idDigits).writeByte('\n');
        int lineStart = start;
        for (int i = nextBreak(data, start, end); i >= 0; i = nextBreak(data, lineStart, end)) {
            chunk.writeBytes(DATA).writeBytes(data, lineStart, i - lineStart).writeByte('\n');
            lineStart = i + (isCrLf(data, i, end) ? 2 : 1);
        }
        chunk.writeBytes(DATA).writeBytes(data, lineStart, end - lineStart).writeByte('\n');
        chunk.writeByte('\n');
        return chunk.writeBytes(CRLF);
    }

    /** {@code retry: <millis>}, sent first on every stream, as a chunk. */
    public static ByteBuf encodeRetry(ByteBufAllocator alloc, long retryMillis) {
        return encodeText(alloc, "retry: " + retryMillis + "\n\n");
    }

    /**
     * The event that tells a reconnecting client its {@code Last-Event-ID} is older than the replay buffer:
     * {@code event: replay-truncated} with {@code data: {"requested":..,"oldest":..,"lost":..}}. It has no
     * {@code id:}, so it leaves the client's last event ID alone.
     */
    public static ByteBuf encodeReplayTruncated(ByteBufAllocator alloc, long requested, long oldest, long lost) {
        return encodeText(alloc, "event: replay-truncated\ndata: {\"requested\":" + requested
                + ",\"oldest\":" + oldest + ",\"lost\":" + lost + "}\n\n");
    }

    /** The comment heartbeat {@code : hb}, as a chunk (an unpooled wrapper: nothing to leak). */
    public static ByteBuf heartbeat() {
        return Unpooled.wrappedBuffer(HEARTBEAT_CHUNK);
    }

    /** The terminating zero-length chunk that ends the response properly. */
    public static ByteBuf endOfStream() {
        return Unpooled.wrappedBuffer(END_OF_STREAM);
    }

    private static ByteBuf encodeText(ByteBufAllocator alloc, String event) {
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        return allocateChunk(alloc, bytes.length).writeBytes(bytes).writeBytes(CRLF);
    }

    /** A buffer sized for a chunk of {@code payload} bytes, with the chunk header already written. */
    private static ByteBuf allocateChunk(ByteBufAllocator alloc, int payload) {
        byte[] header = ascii(Integer.toHexString(payload) + "\r\n");
        return alloc.buffer(header.length + payload + CRLF.length).writeBytes(header);
    }

    private static int nextBreak(ByteBuf data, int from, int end) {
        return from >= end ? -1 : data.forEachByte(from, end - from, ByteProcessor.FIND_CRLF);
    }

    private static boolean isCrLf(ByteBuf data, int index, int end) {
        return data.getByte(index) == '\r' && index + 1 < end && data.getByte(index + 1) == '\n';
    }

    private static byte[] chunkOf(String payload) {
        return ascii(Integer.toHexString(payload.length()) + "\r\n" + payload + "\r\n");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
