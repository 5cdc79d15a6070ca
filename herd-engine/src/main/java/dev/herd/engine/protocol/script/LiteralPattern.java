package dev.herd.engine.protocol.script;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * A text a frame contains, searched as its UTF-8 bytes in place: the first byte is found by Netty's {@link
 * ByteBuf#indexOf} (word at a time), the rest compared where it is. No text is decoded.
 *
 * <pre>{@code
 * new LiteralPattern("\"type\":\"ping\"").matches(frame, frame.readerIndex(), frame.readableBytes());
 * }</pre>
 */
public final class LiteralPattern implements FramePattern {

    private final String text;
    private final byte[] needle;

    public LiteralPattern(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is empty (expected a text a frame contains)");
        }
        this.text = text;
        this.needle = text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean matches(ByteBuf buf, int index, int length) {
        int n = needle.length;
        int lastStart = index + length - n;
        byte first = needle[0];
        int from = index;
        while (from <= lastStart) {
            int at = buf.indexOf(from, lastStart + 1, first);
            if (at < 0) {
                return false;
            }
            if (restMatches(buf, at)) {
                return true;
            }
            from = at + 1;
        }
        return false;
    }

    private boolean restMatches(ByteBuf buf, int at) {
        for (int k = 1; k < needle.length; k++) {
            if (buf.getByte(at + k) != needle[k]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String source() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
