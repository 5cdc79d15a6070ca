package dev.herd.engine.protocol.stomp;

import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Finds the STOMP frames in each WebSocket message in place (<a
 * href="https://stomp.github.io/stomp-specification-1.2.html#STOMP_Frames">STOMP 1.2, STOMP Frames</a>), and hands each
 * to a {@link Listener} as a reused {@link StompFrame}: nothing is copied or allocated per frame.
 *
 * <pre>{@code
 * StompFrameReader reader = new StompFrameReader(session.maxMessageBytes(), session.receiveShare());
 * FailureReason broken = reader.read(ctx.alloc(), message, listener);   // for each WebSocket message
 * if (broken != null) session.violated(broken, reader.problem());
 * reader.release();                                                    // when the connection ends
 * }</pre>
 *
 * <p>A message may hold several frames; the EOLs between them (heart-beats, and the newline some brokers put after
 * each NUL) are skipped, CRLF as well as LF. A body ends after {@code content-length} bytes when that header is there
 * (the body may then hold NULs), else at the first NUL; a NUL before the body is malformed. A frame that a message
 * leaves unfinished (some brokers split frames across WebSocket messages) is copied aside and completed from the next
 * messages, taking from them only its own bytes; only then does the reader hold a buffer, of at most the run's
 * {@code --max-message-bytes}, drawn on the run's receive budget.
 */
final class StompFrameReader {

    private static final int INCOMPLETE = -1;
    private static final int MALFORMED = -2;
    private static final int STOPPED = -3;
    private static final int TOO_LARGE = -4;
    private static final int NO_BUDGET = -5;
    private static final byte NUL = 0;
    private static final byte LF = '\n';
    private static final byte CR = '\r';
    /** The first buffer of a split frame whose length is not known yet. */
    private static final int MIN_PARTIAL_BYTES = 256;

    /** Told of each complete frame, in order. */
    interface Listener {
        /** Handles {@code frame} (valid during the call only); false stops reading this message. */
        boolean onFrame(StompFrame frame);
    }

    private final StompFrame frame = new StompFrame();
    private final int maxFrameBytes;
    private final ReceiveBudget.Share budget;
    /** The start of a frame the last message left unfinished, from its first byte; null while none is. */
    private ByteBuf partial;
    /** The whole length of the frame {@link #readFrame} found unfinished when its content-length tells it; else -1. */
    private long unfinishedFrameBytes = -1;
    private String problem;

    /**
     * A reader that holds a split frame of at most {@code maxFrameBytes}, drawing on {@code budget} for it.
     */
    StompFrameReader(int maxFrameBytes, ReceiveBudget.Share budget) {
        this.maxFrameBytes = maxFrameBytes;
        this.budget = budget;
    }

    /**
     * Reads the readable bytes of {@code message} (not moved, not released), completing a frame left unfinished.
     *
     * @return null, or the reason the stream is broken (then see {@link #problem()}; the rest is not read)
     */
    FailureReason read(ByteBufAllocator alloc, ByteBuf message, Listener listener) {
        int i = message.readerIndex();
        int end = message.writerIndex();
        if (partial != null) {
            // Rare: a frame was split. Its own bytes complete it; whatever follows is read in place.
            i = complete(message, i, end, listener);
            if (i < 0) {
                return failure(i);
            }
        }
        int at = readFrames(message, i, end, listener);
        if (at >= 0 && at < end) {
            at = keep(alloc, message, at, end - at);
        }
        return failure(at);
    }

    /** Why the last {@link #read} failed: one line. */
    String problem() {
        return problem;
    }

    /** Lets go of a held partial frame, if any, and of its share of the budget (emptied, or the connection ended). */
    void release() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
        budget.release();
    }

    /** True while the start of a split frame is held. */
    boolean holdsPartialFrame() {
        return partial != null;
    }

    /**
     * Completes the held frame from {@code message}: with exactly its remaining bytes when its content-length is known,
     * else up to the next NUL.
     *
     * @return where the rest of the message starts, or INCOMPLETE (all taken, the frame still held), or a failure
     */
    private int complete(ByteBuf message, int i, int end, Listener listener) {
        while (true) {
            int take;
            if (unfinishedFrameBytes >= 0) {
                take = (int) Math.min(unfinishedFrameBytes - partial.readableBytes(), end - i);
            } else {
                int nul = message.indexOf(i, end, NUL);
                take = (nul < 0 ? end : nul + 1) - i;
            }
            int grown = grow(message, i, take);
            if (grown < 0) {
                return grown;
            }
            i += take;
            int next = readFrame(partial, partial.readerIndex(), partial.writerIndex());
            if (next == MALFORMED) {
                release();
                return MALFORMED;
            }
            if (next == INCOMPLETE) {
                if (unfinishedFrameBytes > maxFrameBytes) {
                    release();
                    return tooLarge();
                }
                if (i == end) {
                    return INCOMPLETE;
                }
                // The NUL taken was inside a body whose content-length is now known: take the rest of it.
                continue;
            }
            boolean go = listener.onFrame(frame);
            release();
            return go ? i : STOPPED;
        }
    }

    /** Appends {@code take} bytes of {@code message} to the held frame, within the limit and the budget. */
    private int grow(ByteBuf message, int index, int take) {
        int held = partial.readableBytes() + take;
        if (held > maxFrameBytes) {
            release();
            return tooLarge();
        }
        if (!budget.hold(held)) {
            release();
            return noBudget(held);
        }
        partial.writeBytes(message, index, take);
        return 0;
    }

    /** Copies aside the unfinished frame at {@code index}; returns INCOMPLETE, or a failure when it cannot be held. */
    private int keep(ByteBufAllocator alloc, ByteBuf message, int index, int length) {
        if (length > maxFrameBytes || unfinishedFrameBytes > maxFrameBytes) {
            return tooLarge();
        }
        if (!budget.hold(length)) {
            return noBudget(length);
        }
        partial = alloc.buffer(Math.min(maxFrameBytes, Math.max(MIN_PARTIAL_BYTES, length)), maxFrameBytes);
        partial.writeBytes(message, index, length);
        return INCOMPLETE;
    }

    private int tooLarge() {
        problem = "a STOMP frame split across WebSocket messages is larger than " + maxFrameBytes
                + " bytes (--max-message-bytes)";
        return TOO_LARGE;
    }

    private int noBudget(int bytes) {
        problem = "the run's receive budget cannot hold a STOMP frame of " + bytes
                + " bytes split across WebSocket messages (--receive-budget)";
        return NO_BUDGET;
    }

    private static FailureReason failure(int code) {
        return switch (code) {
            case MALFORMED -> FailureReason.PROTOCOL_MALFORMED;
            case TOO_LARGE -> FailureReason.MESSAGE_TOO_LARGE;
            case NO_BUDGET -> FailureReason.LOCAL_RECEIVE_BUDGET;
            default -> null;
        };
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

    /**
     * Reads the frame at {@code start} into {@link #frame}; returns the index after its NUL, INCOMPLETE (then
     * {@link #unfinishedFrameBytes} is its whole length when known) or MALFORMED.
     */
    private int readFrame(ByteBuf buf, int start, int end) {
        unfinishedFrameBytes = -1;
        int lf = buf.indexOf(start, end, LF);
        if (lf < 0) {
            return unfinishedHead(buf, start, end);
        }
        StompCommand command = StompCommand.of(buf, start, lineEnd(buf, start, lf) - start);
        int headersIndex = lf + 1;
        int line = headersIndex;
        long contentLength = -1;
        while (true) {
            lf = buf.indexOf(line, end, LF);
            if (lf < 0) {
                return unfinishedHead(buf, start, end);
            }
            int lineEnd = lineEnd(buf, line, lf);
            if (lineEnd == line) {
                break;
            }
            if (contentLength < 0 && StompFrame.startsWith(buf, line, lineEnd, StompFrame.CONTENT_LENGTH)) {
                contentLength = decimal(buf, line + StompFrame.CONTENT_LENGTH.length, lineEnd);
                if (contentLength < 0) {
                    // A NUL before this line ended the frame first, as a frame split up to that NUL shows.
                    if (buf.indexOf(start, lf, NUL) >= 0) {
                        return nulInHead();
                    }
                    problem = "a STOMP " + command + " frame's content-length is not a number";
                    return MALFORMED;
                }
            }
            line = lf + 1;
        }
        int headersEnd = line;
        int bodyIndex = lf + 1;
        if (buf.indexOf(start, headersEnd, NUL) >= 0) {
            return nulInHead();
        }
        int nul;
        if (contentLength >= 0) {
            if (contentLength >= end - bodyIndex) {
                unfinishedFrameBytes = bodyIndex - start + contentLength + 1;
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

    /**
     * A frame whose command and headers do not end before {@code end}: INCOMPLETE, or MALFORMED when a NUL has ended
     * it already (so that a split frame, completed up to its NUL, never waits for headers that cannot come).
     */
    private int unfinishedHead(ByteBuf buf, int start, int end) {
        return buf.indexOf(start, end, NUL) >= 0 ? nulInHead() : INCOMPLETE;
    }

    private int nulInHead() {
        problem = "a STOMP frame ends (NUL) before its headers do";
        return MALFORMED;
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
