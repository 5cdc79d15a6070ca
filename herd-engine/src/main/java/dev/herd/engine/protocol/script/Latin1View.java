package dev.herd.engine.protocol.script;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a frame seen as characters, one per byte (ISO-8859-1), so that a {@link java.util.regex.Matcher} runs
 * over a frame without decoding it. One view per event loop is pointed at each frame in turn ({@link #over}) and
 * released from it after the match ({@link #clear}): it never outlives the frame. A UTF-8 character beyond ASCII is
 * several bytes here, so several characters; {@link RegexPattern} compiles its expression to match that.
 */
final class Latin1View implements CharSequence {

    private ByteBuf buf;
    private int index;
    private int length;

    Latin1View over(ByteBuf buf, int index, int length) {
        this.buf = buf;
        this.index = index;
        this.length = length;
        return this;
    }

    void clear() {
        buf = null;
        length = 0;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException(i);
        }
        return (char) (buf.getByte(index + i) & 0xFF);
    }

    /** Allocates: for {@code Matcher.group()}, which herd does not call on the receive path. */
    @Override
    public CharSequence subSequence(int start, int end) {
        return buf.toString(index + start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return buf == null ? "" : buf.toString(index, length, StandardCharsets.ISO_8859_1);
    }
}
