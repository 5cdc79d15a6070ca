package dev.herd.engine.protocol.script;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * A text a frame contains, searched as its UTF-8 bytes in place, no text decoded. Netty's {@link ByteBuf#indexOf}
 * (a word at a time) finds the candidates for one byte of the text, the rest is compared where it is; that byte is the
 * least common one of the text in JSON and herd's payloads (a letter rather than {@code "} or {@code :}), so that a
 * frame full of quotes costs few comparisons.
 *
 * <pre>{@code
 * new LiteralPattern("\"type\":\"ping\"").matches(frame, frame.readerIndex(), frame.readableBytes());
 * }</pre>
 */
final class LiteralPattern implements FramePattern {

    private final String text;
    /** The text's bytes, read-only and shared by every event loop (reads move no index). */
    private final ByteBuf needle;
    private final int length;
    /** Where in the text the byte searched for is. */
    private final int anchor;
    private final byte anchorByte;

    public LiteralPattern(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is empty (expected a text a frame contains)");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        this.text = text;
        this.needle = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly());
        this.length = bytes.length;
        this.anchor = leastCommon(bytes);
        this.anchorByte = bytes[anchor];
    }

    @Override
    public boolean matches(ByteBuf buf, int index, int length) {
        int from = index + anchor;
        int lastAnchor = index + length - this.length + anchor;
        while (from <= lastAnchor) {
            int at = buf.indexOf(from, lastAnchor + 1, anchorByte);
            if (at < 0) {
                return false;
            }
            if (ByteBufUtil.equals(buf, at - anchor, needle, 0, this.length)) {
                return true;
            }
            from = at + 1;
        }
        return false;
    }

    /** The position of the text's least common byte, the last of equals: the later, the more it tells apart. */
    private static int leastCommon(byte[] bytes) {
        int best = 0;
        int bestScore = Integer.MAX_VALUE;
        for (int k = 0; k < bytes.length; k++) {
            int score = commonness(bytes[k]);
            if (score <= bestScore) {
                best = k;
                bestScore = score;
            }
        }
        return best;
    }

    /** 3: JSON's structure and herd's padding; 2: the commonest letters and digits; 1: other letters; 0: the rest. */
    private static int commonness(byte b) {
        if ("\":,{}[] .\n\r\t".indexOf(b) >= 0) {
            return 3;
        }
        if ("etaoinsrhl0123456789".indexOf(b) >= 0) {
            return 2;
        }
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ? 1 : 0;
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
