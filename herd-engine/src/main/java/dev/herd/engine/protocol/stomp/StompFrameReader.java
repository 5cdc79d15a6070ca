package dev.herd.engine.protocol.stomp;

import dev.herd.engine.connect.FailureReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Finds the STOMP frames in each WebSocket message in place (<a
 * href="https://stomp.github.io/stomp-specification-1.2.html#STOMP_Frames">STOMP 1.2, STOMP Frames</a>), and hands each
 * to a {@link Listener} as a reused {@link StompFrame}: nothing is copied or allocated per frame.
 *
 * <pre>{@code
 * FailureReason broken = reader.read(ctx.alloc(), message, listener);   // for each WebSocket message
 * if (broken != null) session.violated(broken, reader.problem());
 * reader.release();                                                    // when the connection ends
 * }</pre>
 *
 * <p>A message may hold several frames; the EOLs between them (heart-beats, and the newline some brokers put after
 * each NUL) are skipped, CRLF as well as LF. A body ends after {@code content-length} bytes when that header is there
 * (the body may then hold NULs), else at the first NUL. A frame that a message leaves unfinished (some brokers split
 * frames across WebSocket messages) is copied aside and completed by the next messages; only then does the reader hold
 * a buffer, and at most {@link #MAX_SPLIT_FRAME_BYTES} of it.
 */
final class StompFrameReader {

    /**
     * The most a frame split across WebSocket messages may hold before it is complete: herd's default
     * {@code --max-message-bytes}, which the protocol SPI does not pass to a stage.
     */
    static final int MAX_SPLIT_FRAME_BYTES = 1 << 20;

    private static final int INCOMPLETE = -1;
    private static final int MALFORMED = -2;
    private static final int STOPPED = -3;
    private static final byte NUL = 0;
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    /** Told of each complete frame, in order. */
    interface Listener {
        /** Handles {@code frame} (valid during the call only); false stops reading this message. */
        boolean onFrame(StompFrame frame);
    }

    private final StompFrame frame = new StompFrame();
    /** The start of a frame the last message left unfinished; null while none is. */
    private ByteBuf partial;
    private String problem;

    /**
     * Reads the readable bytes of {@code message} (not moved, not released) and of any frame left unfinished before it.
     *
     * @return null, or the reason the stream is broken (then see {@link #problem()}; the rest is not read)
     */
    FailureReason read(ByteBufAllocator alloc, ByteBuf message, Listener listener) {
        if (partial == null) {
            int end = message.writerIndex();
            int at = readFrames(message, message.readerIndex(), end, listener);
            if (at >= 0 && at < end) {
                return keep(alloc, message, at, end - at);
            }
            return at == MALFORMED ? FailureReason.PROTOCOL_MALFORMED : null;
        }
        // Rare: a frame was split. It is completed in the held buffer, together with whatever follows it.
        partial.writeBytes(message, message.readerIndex(), message.readableBytes());
        int end = partial.writerIndex();
        int at = readFrames(partial, partial.readerIndex(), end, listener);
        if (at == MALFORMED) {
            release();
            return FailureReason.PROTOCOL_MALFORMED;
        }
        if (at < 0 || at == end) {
            release();
            return null;
        }
        partial.readerIndex(at);
        if (partial.readableBytes() > MAX_SPLIT_FRAME_BYTES) {
            release();
            return tooLarge();
        }
        partial.discardReadBytes();
        return null;
    }

    /** Why the last {@link #read} failed: one line. */
    String problem() {
        return problem;
    }

    /** Lets go of a held partial frame, if any (the connection ended). */
    void release() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }

    /** True while the start of a split frame is held. */
    boolean holdsPartialFrame() {
        return partial != null;
    }

    private FailureReason keep(ByteBufAllocator alloc, ByteBuf message, int index, int length) {
        if (length > MAX_SPLIT_FRAME_BYTES) {
            return tooLarge();
        }
        partial = alloc.buffer(Math.max(256, length));
        partial.writeBytes(message, index, length);
        return null;
    }

    private FailureReason tooLarge() {
        problem = "a STOMP frame split across WebSocket messages grew beyond " + MAX_SPLIT_FRAME_BYTES + " bytes";
        return FailureReason.MESSAGE_TOO_LARGE;
    }

    /**
     * Reads frames from {@code i} to {@code end}.
     *
     * @return where an unfinished frame starts ({@code end} when none is), or MALFORMED, or STOPPED
     */
    private int readFrames(ByteBuf buf, int i, int end, Listener listener) {
        while (true) {
            while (i < end && isEol(buf.getByte(i))) {
                i++;
            }
            if (i == end) {
                return end;
            }
            int next = readFrame(buf, i, end);
            if (next == INCOMPLETE) {
                return i;
            }
            if (next == MALFORMED) {
                return MALFORMED;
            }
            if (!listener.onFrame(frame)) {
                return STOPPED;
            }
            i = next;
        }
    }

    private static boolean isEol(byte b) {
        return b == LF || b == CR;
    }

    /** Reads the frame at {@code start} into {@link #frame}; returns the index after its NUL, INCOMPLETE or MALFORMED. */
    private int readFrame(ByteBuf buf, int start, int end) {
        int lf = buf.indexOf(start, end, LF);
        if (lf < 0) {
            return INCOMPLETE;
        }
        StompCommand command = StompCommand.of(buf, start, lineEnd(buf, start, lf) - start);
        int headersIndex = lf + 1;
        int line = headersIndex;
        long contentLength = -1;
        while (true) {
            lf = buf.indexOf(line, end, LF);
            if (lf < 0) {
                return INCOMPLETE;
            }
            int lineEnd = lineEnd(buf, line, lf);
            if (lineEnd == line) {
                break;
            }
            if (contentLength < 0 && StompFrame.startsWith(buf, line, lineEnd, StompFrame.CONTENT_LENGTH)) {
                contentLength = decimal(buf, line + StompFrame.CONTENT_LENGTH.length, lineEnd);
                if (contentLength < 0) {
                    problem = "a STOMP " + command + " frame's content-length is not a number";
                    return MALFORMED;
                }
            }
            line = lf + 1;
        }
        int headersEnd = line;
        int bodyIndex = lf + 1;
        int nul;
        if (contentLength >= 0) {
            if (contentLength >= end - bodyIndex) {
                return INCOMPLETE;
            }
            nul = bodyIndex + (int) contentLength;
            if (buf.getByte(nul) != NUL) {
                problem = "a STOMP " + command + " frame's body does not end with NUL where its content-length says";
                return MALFORMED;
            }
        } else {
            nul = buf.indexOf(bodyIndex, end, NUL);
            if (nul < 0) {
                return INCOMPLETE;
            }
        }
        frame.set(buf, command, headersIndex, headersEnd, bodyIndex, nul - bodyIndex);
        return nul + 1;
    }

    /** The end of the line whose LF is at {@code lf}, without a CR before it. */
    private static int lineEnd(ByteBuf buf, int lineStart, int lf) {
        return lf > lineStart && buf.getByte(lf - 1) == CR ? lf - 1 : lf;
    }

    /** The decimal number in {@code [from, to)}, spaces around it allowed; -1 when there is none or it overflows. */
    static long decimal(ByteBuf buf, int from, int to) {
        while (from < to && buf.getByte(from) == ' ') {
            from++;
        }
        while (to > from && buf.getByte(to - 1) == ' ') {
            to--;
        }
        if (from == to || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = buf.getByte(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
