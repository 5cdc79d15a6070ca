package dev.herd.engine.stamp;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

import static dev.herd.engine.stamp.StampFormat.DOT;
import static dev.herd.engine.stamp.StampFormat.MAX_LONG_FIELD;
import static dev.herd.engine.stamp.StampFormat.MAX_RUN_ID;
import static dev.herd.engine.stamp.StampFormat.MAX_TOPIC_INDEX;
import static dev.herd.engine.stamp.StampFormat.PREFIX_LENGTH;
import static dev.herd.engine.stamp.StampFormat.TILDE;
import static dev.herd.engine.stamp.StampFormat.VERSION;
import static dev.herd.engine.stamp.StampFormat.hexDigits;
import static dev.herd.engine.stamp.StampFormat.hexValue;

/**
 * Finds every wire stamp in a received frame's bytes and reports it to a {@link StampListener}, allocating nothing.
 *
 * <pre>{@code
 * // in a handler, for a WebSocket frame or an SSE event's data:
 * int stamps = StampScanner.scan(frame.content(), listener);
 * }</pre>
 *
 * <p>Bytes around and between stamps are ignored, so a stamp can sit in a JSON field, a Socket.IO array or padding.
 * A {@code ~} not followed by {@code h1.} is ordinary payload. A {@code ~h1.} whose five fields do not parse is
 * reported once as malformed: the frame ends inside it, a field is empty, has a leading zero, holds a byte that is
 * not lowercase hex, overflows its type (run id 32 unsigned bits, topic a non-negative int, the rest non-negative
 * longs), or the stamp is not closed by {@code ~}. Scanning then resumes just after that {@code ~}, so a stamp that
 * begins inside a broken one is still found.
 */
public final class StampScanner {

    private static final long MALFORMED = -1;

    private StampScanner() {
    }

    /**
     * Scans the readable bytes of {@code buf}; its reader and writer indexes are left as they were.
     *
     * @return the number of well-formed stamps reported to {@code listener}
     */
    public static int scan(ByteBuf buf, StampListener listener) {
        return scan(buf, buf.readerIndex(), buf.readableBytes(), listener);
    }

    /**
     * Scans {@code length} bytes of {@code buf} from {@code index}; the buffer's indexes are not used or moved.
     *
     * @return the number of well-formed stamps reported to {@code listener}
     * @throws IndexOutOfBoundsException if the range is not within the buffer's capacity
     */
    public static int scan(ByteBuf buf, int index, int length, StampListener listener) {
        Objects.checkFromIndexSize(index, length, buf.capacity());
        int end = index + length;
        int stamps = 0;
        int i = index;
        while (i < end) {
            int tilde = buf.indexOf(i, end, TILDE);
            if (tilde < 0) {
                break;
            }
            if (!hasVersion(buf, tilde + 1, end)) {
                i = tilde + 1;
                continue;
            }
            int next = parseFields(buf, tilde + PREFIX_LENGTH, end, listener);
            if (next < 0) {
                listener.onMalformed();
                i = tilde + 1;
            } else {
                stamps++;
                i = next;
            }
        }
        return stamps;
    }

    private static boolean hasVersion(ByteBuf buf, int index, int end) {
        if (end - index < VERSION.length) {
            return false;
        }
        for (int k = 0; k < VERSION.length; k++) {
            if (buf.getByte(index + k) != VERSION[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses the five fields after the prefix and reports them.
     *
     * @return the index after the closing tilde, or -1 if the fields do not parse
     */
    private static int parseFields(ByteBuf buf, int index, int end, StampListener listener) {
        // Each field's length follows from its value because leading zeros are not allowed.
        long runId = parseHex(buf, index, end, MAX_RUN_ID);
        if (runId == MALFORMED || !isByte(buf, index += hexDigits(runId), end, DOT)) {
            return -1;
        }
        long topicIndex = parseHex(buf, ++index, end, MAX_TOPIC_INDEX);
        if (topicIndex == MALFORMED || !isByte(buf, index += hexDigits(topicIndex), end, DOT)) {
            return -1;
        }
        long seq = parseHex(buf, ++index, end, MAX_LONG_FIELD);
        if (seq == MALFORMED || !isByte(buf, index += hexDigits(seq), end, DOT)) {
            return -1;
        }
        long intendedNanos = parseHex(buf, ++index, end, MAX_LONG_FIELD);
        if (intendedNanos == MALFORMED || !isByte(buf, index += hexDigits(intendedNanos), end, DOT)) {
            return -1;
        }
        long sentNanos = parseHex(buf, ++index, end, MAX_LONG_FIELD);
        if (sentNanos == MALFORMED || !isByte(buf, index += hexDigits(sentNanos), end, TILDE)) {
            return -1;
        }
        listener.onStamp(runId, (int) topicIndex, seq, intendedNanos, sentNanos);
        return index + 1;
    }

    private static boolean isByte(ByteBuf buf, int index, int end, byte expected) {
        return index < end && buf.getByte(index) == expected;
    }

    /**
     * Parses lowercase hex digits from {@code index} up to the first other byte.
     *
     * @return the value, or {@link #MALFORMED} if there is no digit, a leading zero, or a value above {@code max}
     */
    private static long parseHex(ByteBuf buf, int index, int end, long max) {
        if (index >= end) {
            return MALFORMED;
        }
        int digit = hexValue(buf.getByte(index));
        if (digit < 0) {
            return MALFORMED;
        }
        if (digit == 0) {
            // Zero is written "0"; "00" or "07" would be padding, which the contract rules out.
            return index + 1 < end && hexValue(buf.getByte(index + 1)) >= 0 ? MALFORMED : 0;
        }
        long value = digit;
        for (int i = index + 1; i < end; i++) {
            digit = hexValue(buf.getByte(i));
            if (digit < 0) {
                break;
            }
            if (value > (max - digit) >>> 4) {
                return MALFORMED;
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
