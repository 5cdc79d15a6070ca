package dev.herd.engine.stamp;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

import static dev.herd.engine.stamp.StampFormat.DOT;
import static dev.herd.engine.stamp.StampFormat.MAX_RUN_ID;
import static dev.herd.engine.stamp.StampFormat.PREFIX_LENGTH;
import static dev.herd.engine.stamp.StampFormat.TILDE;
import static dev.herd.engine.stamp.StampFormat.VERSION;
import static dev.herd.engine.stamp.StampFormat.hexDigit;
import static dev.herd.engine.stamp.StampFormat.hexDigits;

/**
 * Writes the wire stamp {@code ~h1.<run>.<topic>.<seq>.<intendedNanos>.<sentNanos>~} as ASCII, without building a String.
 *
 * <pre>{@code
 * ByteBuf payload = alloc.buffer(StampWriter.MAX_LENGTH + paddingBytes);
 * StampWriter.write(payload, runId, topicIndex, seq, schedule.intendedNanos(seq), clock.nowNanos());
 * payload.writeBytes(padding);
 * }</pre>
 *
 * <p>Every field is lowercase hex without leading zeros, so each value has exactly one encoding. Arguments out of
 * range (a run id outside 32 unsigned bits, or any other field negative) are rejected rather than wrapped, because a
 * wrapped stamp would be measured as some other message.
 */
public final class StampWriter {

    /** The longest stamp: {@code ~h1.} + 8 + 8 + 16 + 16 + 16 hex digits + 4 dots + the closing tilde. */
    public static final int MAX_LENGTH = PREFIX_LENGTH + 8 + 1 + 8 + 1 + 16 + 1 + 16 + 1 + 16 + 1;

    private StampWriter() {
    }

    /**
     * Writes a stamp at {@code out.writerIndex()}, growing {@code out} if needed and advancing its writer index.
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException if a field is out of range
     */
    public static int write(ByteBuf out, long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
        int length = encodedLength(runId, topicIndex, seq, intendedNanos, sentNanos);
        out.ensureWritable(length);
        int start = out.writerIndex();
        int i = start;
        out.setByte(i++, TILDE);
        for (byte b : VERSION) {
            out.setByte(i++, b);
        }
        i = putHex(out, i, runId, DOT);
        i = putHex(out, i, topicIndex, DOT);
        i = putHex(out, i, seq, DOT);
        i = putHex(out, i, intendedNanos, DOT);
        i = putHex(out, i, sentNanos, TILDE);
        out.writerIndex(i);
        return i - start;
    }

    /**
     * Writes a stamp into {@code out} from {@code offset}.
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException  if a field is out of range
     * @throws IndexOutOfBoundsException if the stamp does not fit between {@code offset} and the end of {@code out}
     */
    public static int write(byte[] out, int offset, long runId, int topicIndex, long seq, long intendedNanos,
                            long sentNanos) {
        int length = encodedLength(runId, topicIndex, seq, intendedNanos, sentNanos);
        Objects.checkFromIndexSize(offset, length, out.length);
        int i = offset;
        out[i++] = TILDE;
        for (byte b : VERSION) {
            out[i++] = b;
        }
        i = putHex(out, i, runId, DOT);
        i = putHex(out, i, topicIndex, DOT);
        i = putHex(out, i, seq, DOT);
        i = putHex(out, i, intendedNanos, DOT);
        i = putHex(out, i, sentNanos, TILDE);
        return i - offset;
    }

    /**
     * The number of bytes {@link #write(ByteBuf, long, int, long, long, long)} would write for these fields.
     *
     * @throws IllegalArgumentException if a field is out of range
     */
    public static int encodedLength(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
        if (runId < 0 || runId > MAX_RUN_ID) {
            throw new IllegalArgumentException("runId must fit in 32 unsigned bits: " + runId);
        }
        if (topicIndex < 0) {
            throw new IllegalArgumentException("topicIndex must not be negative: " + topicIndex);
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
        if (intendedNanos < 0 || sentNanos < 0) {
            throw new IllegalArgumentException(
                    "times must be non-negative epoch nanoseconds: " + intendedNanos + ", " + sentNanos);
        }
        // Prefix, five fields and five separators (four dots and the closing tilde).
        return PREFIX_LENGTH + 5 + hexDigits(runId) + hexDigits(topicIndex) + hexDigits(seq)
                + hexDigits(intendedNanos) + hexDigits(sentNanos);
    }

    /** Writes {@code value} in hex, then {@code separator}; returns the index after the separator. */
    private static int putHex(ByteBuf out, int index, long value, byte separator) {
        int end = index + hexDigits(value);
        // Least significant digit first, from the right, so no digit buffer is needed.
        for (int i = end - 1; i >= index; i--) {
            out.setByte(i, hexDigit(value));
            value >>>= 4;
        }
        out.setByte(end, separator);
        return end + 1;
    }

    private static int putHex(byte[] out, int index, long value, byte separator) {
        int end = index + hexDigits(value);
        for (int i = end - 1; i >= index; i--) {
            out[i] = hexDigit(value);
            value >>>= 4;
        }
        out[end] = separator;
        return end + 1;
    }
}
