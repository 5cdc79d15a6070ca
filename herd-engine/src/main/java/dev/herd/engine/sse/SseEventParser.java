package dev.herd.engine.sse;

import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;

/**
 * Parses a {@code text/event-stream} chunk by chunk, as the WHATWG HTML standard's
 * <a href="https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation">event stream
 * interpretation</a> says, without allocating per event.
 *
 * <pre>{@code
 * SseEventParser parser = new SseEventParser(channel.alloc(), 64 * 1024);
 * // for each HttpContent of the response:
 * parser.parse(content.content(), listener);
 * // after a reconnect, on the same stream:
 * parser.reset();
 * request.headers().set("Last-Event-ID", parser.lastEventId());
 * // when the subscriber is done:
 * parser.close();
 * }</pre>
 *
 * <p>It works on bytes: CR, LF and colon never occur inside a multi-byte UTF-8 sequence, so lines and fields split
 * at the same places as they would in decoded text, and field names compare as ASCII. Data is passed on as the
 * bytes received; invalid UTF-8 is not replaced. Lines that lie wholly inside a chunk are read in place; only a line
 * cut by a chunk boundary is copied, into a reused buffer. Data, event type and ids are copied into reused buffers
 * from the allocator; a line or data buffer that grew beyond {@link ReceiveBudget#FREE_BYTES_PER_BUFFER} for a large
 * event is let go once the event is done, so a connection does not keep the largest event it ever saw.
 *
 * <p>{@code maxEventBytes} bounds an event's data, and any one line to that plus the 6 bytes of {@code "data: "}.
 * An event whose data or any non-comment line is longer is discarded whole and counted in
 * {@link #oversizedEvents()} when its blank line arrives; a longer comment line is dropped. Either way the parser
 * stays in step with the stream, and the listener hears of it at once ({@link SseEventListener#onLimitExceeded()}).
 *
 * <p>Not thread-safe: one parser per connection, used from its event loop. The listener must not call back into
 * the parser. If the listener throws, the exception propagates and the rest of that chunk is not parsed.
 */
public final class SseEventParser implements AutoCloseable {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte COLON = ':';
    private static final byte SPACE = ' ';
    private static final byte NUL = 0;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
    private static final byte[] ID = {'i', 'd'};
    private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};
    /** Longest prefix of a data line: {@code "data: "}. */
    private static final int DATA_PREFIX_BYTES = 6;

    private final int maxEventBytes;
    private final int maxLineBytes;

    /** A line cut by the end of a chunk, or a comment copied out of one. Empty between lines otherwise. */
    private ByteBuf line;
    /** The standard's data buffer: each data value followed by LF. */
    private ByteBuf data;
    /** The standard's event type buffer. */
    private final ByteBuf eventType;
    /** The standard's last event ID buffer, set by {@code id} fields. */
    private final ByteBuf idBuffer;
    /** The last event ID string: {@link #idBuffer} as of the last blank line. */
    private final ByteBuf lastEventId;

    private int bomBytesMatched;
    private boolean bomChecked;
    /** The previous chunk ended with CR, so an LF starting this one ends no further line. */
    private boolean skipLeadingLf;
    /** Dropping the rest of an over-long line until its line end. */
    private boolean droppingLine;
    /** {@link #idBuffer} changed since it was last copied to {@link #lastEventId}. */
    private boolean idChanged;
    private boolean eventOversized;
    private long oversizedEvents;
    /** The listener of the chunk being parsed; null between chunks. */
    private SseEventListener listener;
    private boolean closed;
    private String lastEventIdAtClose;
    private final ByteBufAllocator alloc;
    /** This stream's draw on the run's receive budget for its line and data buffers; null: no budget. */
    private final ReceiveBudget.Share budget;
    /** The line and data buffers hold more than the budget's free allowance. */
    private boolean drawing;

    /**
     * Creates a parser whose buffers come from {@code alloc}, with no receive budget.
     *
     * @param maxEventBytes the most data bytes one event may carry, at least 1
     */
    public SseEventParser(ByteBufAllocator alloc, int maxEventBytes) {
        this(alloc, maxEventBytes, null);
    }

    /**
     * Creates a parser whose buffers come from {@code alloc} and whose line and data buffers, beyond the budget's
     * free allowance, draw on {@code budget} (null: no budget). An event the budget cannot hold is dropped like an
     * oversized one and reported as {@link SseLimit#RECEIVE_BUDGET}.
     *
     * @param maxEventBytes the most data bytes one event may carry, at least 1
     */
    public SseEventParser(ByteBufAllocator alloc, int maxEventBytes, ReceiveBudget.Share budget) {
        this.alloc = alloc;
        this.budget = budget;
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be at least 1: " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
        this.maxLineBytes = (int) Math.min(Integer.MAX_VALUE - 8L, (long) maxEventBytes + DATA_PREFIX_BYTES);
        ByteBuf[] buffers = new ByteBuf[5];
        try {
            buffers[0] = alloc.buffer(Math.min(256, maxLineBytes));
            buffers[1] = alloc.buffer(Math.min(256, maxEventBytes + 1));
            buffers[2] = alloc.buffer(16);
            buffers[3] = alloc.buffer(16);
            buffers[4] = alloc.buffer(16);
        } catch (RuntimeException | Error e) {
            for (ByteBuf buffer : buffers) {
                if (buffer != null) {
                    buffer.release();
                }
            }
            throw e;
        }
        line = buffers[0];
        data = buffers[1];
        eventType = buffers[2];
        idBuffer = buffers[3];
        lastEventId = buffers[4];
    }

    /**
     * Parses every readable byte of {@code chunk}, dispatching each event completed in it to {@code listener}.
     * The chunk's reader index is moved to its writer index; the chunk is not released.
     *
     * @throws IllegalStateException if the parser is closed
     */
    public void parse(ByteBuf chunk, SseEventListener listener) {
        ensureOpen();
        this.listener = listener;
        try {
            parseChunk(chunk, listener);
        } finally {
            this.listener = null;
        }
    }

    private void parseChunk(ByteBuf chunk, SseEventListener listener) {
        int i = chunk.readerIndex();
        int end = chunk.writerIndex();
        if (!bomChecked) {
            i = skipBom(chunk, i, end);
        }
        if (skipLeadingLf && i < end) {
            skipLeadingLf = false;
            if (chunk.getByte(i) == LF) {
                i++;
            }
        }
        while (i < end) {
            int lineEnd = chunk.forEachByte(i, end - i, ByteProcessor.FIND_CRLF);
            if (lineEnd < 0) {
                holdPartialLine(chunk, i, end - i);
                break;
            }
            completeLine(chunk, i, lineEnd - i, listener);
            i = lineEnd + 1;
            if (chunk.getByte(lineEnd) == CR) {
                if (i == end) {
                    skipLeadingLf = true;
                } else if (chunk.getByte(i) == LF) {
                    i++;
                }
            }
        }
        chunk.readerIndex(end);
    }

    /**
     * The last event ID string: the value of the last {@code id} field before a blank line, or null when none was
     * received or the id was set empty. Meant for the {@code Last-Event-ID} header of a reconnect; it allocates.
     */
    public String lastEventId() {
        if (closed) {
            return lastEventIdAtClose;
        }
        return lastEventId.isReadable() ? lastEventId.toString(StandardCharsets.UTF_8) : null;
    }

    /**
     * Prepares for a new connection on the same stream: drops any partial line and event and checks for a byte order
     * mark again. The last event ID is kept, as a browser keeps it across reconnects.
     *
     * @throws IllegalStateException if the parser is closed
     */
    public void reset() {
        ensureOpen();
        dropPartial();
        // The new stream's last event ID buffer starts from the id the reconnect will send.
        idBuffer.clear().writeBytes(lastEventId, lastEventId.readerIndex(), lastEventId.readableBytes());
        idChanged = false;
        bomBytesMatched = 0;
        bomChecked = false;
        skipLeadingLf = false;
        droppingLine = false;
        eventOversized = false;
        settle();
    }

    /**
     * Drops a partly received line and event, whose connection is gone, and gives back what they drew on the receive
     * budget. Does nothing once the parser is closed.
     */
    public void dropPartial() {
        if (closed) {
            return;
        }
        line.clear();
        data.clear();
        eventType.clear();
        droppingLine = false;
        eventOversized = false;
        settle();
    }

    /** Events discarded because their data or one of their lines exceeded {@code maxEventBytes}. */
    public long oversizedEvents() {
        return oversizedEvents;
    }

    /** Releases the parser's buffers. {@link #lastEventId()} still answers; parsing is no longer possible. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        lastEventIdAtClose = lastEventId();
        closed = true;
        if (budget != null) {
            budget.release();
        }
        line.release();
        data.release();
        eventType.release();
        idBuffer.release();
        lastEventId.release();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("parser is closed");
        }
    }

    /** Skips the one byte order mark allowed at the start of the stream, even when chunks cut it. */
    private int skipBom(ByteBuf chunk, int i, int end) {
        while (i < end && bomBytesMatched < BOM.length) {
            if (chunk.getByte(i) != BOM[bomBytesMatched]) {
                // Not a BOM after all: the bytes taken for one start the first line.
                line.writeBytes(BOM, 0, bomBytesMatched);
                bomChecked = true;
                return i;
            }
            bomBytesMatched++;
            i++;
        }
        bomChecked = bomBytesMatched == BOM.length;
        return i;
    }

    /** Keeps the start of a line that the chunk cuts, unless the line is already too long. */
    private void holdPartialLine(ByteBuf chunk, int start, int length) {
        if (!droppingLine && !appendToLine(chunk, start, length)) {
            droppingLine = true;
        }
    }

    private void completeLine(ByteBuf chunk, int start, int length, SseEventListener listener) {
        if (droppingLine) {
            droppingLine = false;
            return;
        }
        if (line.isReadable()) {
            if (appendToLine(chunk, start, length)) {
                try {
                    interpretLine(line, line.readerIndex(), line.readableBytes(), listener);
                } finally {
                    line.clear();
                    settle();
                }
            }
        } else if (length > maxLineBytes) {
            dropLongLine(chunk.getByte(start), SseLimit.EVENT_SIZE);
        } else {
            interpretLine(chunk, start, length, listener);
        }
    }

    /** Appends to {@link #line}; returns false, dropping what it held, when the line would grow too long. */
    private boolean appendToLine(ByteBuf src, int start, int length) {
        if (line.readableBytes() + length > maxLineBytes) {
            dropLongLine(line.isReadable() ? line.getByte(line.readerIndex()) : src.getByte(start), SseLimit.EVENT_SIZE);
            line.clear();
            settle();
            return false;
        }
        if (!budgetAllows(length)) {
            dropLongLine(line.isReadable() ? line.getByte(line.readerIndex()) : src.getByte(start),
                    SseLimit.RECEIVE_BUDGET);
            line.clear();
            settle();
            return false;
        }
        line.writeBytes(src, start, length);
        return true;
    }

    /** Whether the line and data buffers may grow by {@code extra} bytes within the run's receive budget. */
    private boolean budgetAllows(int extra) {
        if (budget == null) {
            return true;
        }
        long held = (long) line.readableBytes() + data.readableBytes() + extra;
        if (held <= ReceiveBudget.FREE_BYTES_PER_BUFFER && !drawing) {
            return true;
        }
        if (!budget.hold(held)) {
            return false;
        }
        drawing = held > ReceiveBudget.FREE_BYTES_PER_BUFFER;
        return true;
    }

    /**
     * After a line or an event is done with: gives back what the buffers drew on the budget, and lets a buffer that
     * grew for a large message go, so a connection does not keep the largest message it ever saw.
     */
    private void settle() {
        if (drawing) {
            long held = (long) line.readableBytes() + data.readableBytes();
            budget.hold(held);
            drawing = held > ReceiveBudget.FREE_BYTES_PER_BUFFER;
        }
        if (!line.isReadable() && line.capacity() > ReceiveBudget.FREE_BYTES_PER_BUFFER) {
            line.release();
            line = alloc.buffer(Math.min(256, maxLineBytes));
        }
        if (!data.isReadable() && data.capacity() > ReceiveBudget.FREE_BYTES_PER_BUFFER) {
            data.release();
            data = alloc.buffer(Math.min(256, maxEventBytes + 1));
        }
    }

    private void dropLongLine(byte firstByte, SseLimit limit) {
        // A long comment (some servers pad with one) says nothing about the event; any other long line ruins it.
        if (firstByte == COLON) {
            listener.onLimitExceeded(limit);
        } else {
            markOversized(limit);
        }
    }

    private void markOversized(SseLimit limit) {
        if (!eventOversized) {
            eventOversized = true;
            listener.onLimitExceeded(limit);
        }
    }

    /** One line, without its line end, at {@code [start, start + length)} of {@code buf}. */
    private void interpretLine(ByteBuf buf, int start, int length, SseEventListener listener) {
        if (length == 0) {
            dispatch(listener);
            return;
        }
        int end = start + length;
        if (buf.getByte(start) == COLON) {
            comment(buf, start + 1, end, listener);
            return;
        }
        int colon = buf.indexOf(start, end, COLON);
        int nameEnd = colon < 0 ? end : colon;
        int valueStart = colon < 0 ? end : colon + 1;
        if (valueStart < end && buf.getByte(valueStart) == SPACE) {
            valueStart++;
        }
        int nameLength = nameEnd - start;
        if (nameLength == DATA.length && nameIs(buf, start, DATA)) {
            appendData(buf, valueStart, end);
        } else if (nameLength == EVENT.length && nameIs(buf, start, EVENT)) {
            eventType.clear().writeBytes(buf, valueStart, end - valueStart);
        } else if (nameLength == ID.length && nameIs(buf, start, ID)) {
            setId(buf, valueStart, end);
        } else if (nameLength == RETRY.length && nameIs(buf, start, RETRY)) {
            retry(buf, valueStart, end, listener);
        }
        // Any other field is ignored, as the standard says.
    }

    private static boolean nameIs(ByteBuf buf, int start, byte[] name) {
        for (int k = 0; k < name.length; k++) {
            if (buf.getByte(start + k) != name[k]) {
                return false;
            }
        }
        return true;
    }

    private void comment(ByteBuf buf, int start, int end, SseEventListener listener) {
        if (buf == line) {
            line.readerIndex(start);
        } else {
            // The line is in the caller's chunk; a copy into the reused line buffer avoids allocating a slice.
            line.writeBytes(buf, start, end - start);
        }
        try {
            listener.onComment(line);
        } finally {
            line.clear();
        }
    }

    private void appendData(ByteBuf buf, int start, int end) {
        if (eventOversized) {
            return;
        }
        int length = end - start;
        // The buffer holds one LF per line so far; the last one is removed at dispatch, hence no +1 here.
        if ((long) data.readableBytes() + length > maxEventBytes) {
            markOversized(SseLimit.EVENT_SIZE);
            data.clear();
            settle();
            return;
        }
        if (!budgetAllows(length + 1)) {
            markOversized(SseLimit.RECEIVE_BUDGET);
            data.clear();
            settle();
            return;
        }
        data.writeBytes(buf, start, length).writeByte(LF);
    }

    private void setId(ByteBuf buf, int start, int end) {
        if (buf.indexOf(start, end, NUL) >= 0) {
            return;
        }
        idBuffer.clear().writeBytes(buf, start, end - start);
        idChanged = true;
    }

    private static void retry(ByteBuf buf, int start, int end, SseEventListener listener) {
        if (start == end) {
            return;
        }
        long millis = 0;
        for (int i = start; i < end; i++) {
            int digit = buf.getByte(i) - '0';
            if (digit < 0 || digit > 9) {
                return;
            }
            // Saturate: a reconnection time beyond Long.MAX_VALUE ms is as good as never.
            millis = millis > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : millis * 10 + digit;
        }
        listener.onRetry(millis);
    }

    /** The blank line: the standard's "dispatch the event". */
    private void dispatch(SseEventListener listener) {
        if (idChanged) {
            lastEventId.clear().writeBytes(idBuffer, idBuffer.readerIndex(), idBuffer.readableBytes());
            idChanged = false;
        }
        if (eventOversized) {
            eventOversized = false;
            oversizedEvents++;
            data.clear();
            eventType.clear();
            settle();
            return;
        }
        if (!data.isReadable()) {
            eventType.clear();
            return;
        }
        data.writerIndex(data.writerIndex() - 1);
        try {
            listener.onEvent(data, eventType);
        } finally {
            data.clear();
            eventType.clear();
            settle();
        }
    }
}
