package dev.herd.engine.publish;

import dev.herd.engine.stamp.StampWriter;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of a published message around its stamp. The default is the stamp followed by {@code .}
 * padding up to the message size; a template such as {@code {"type":"chat","text":"{{stamp}}{{padding}}"}}
 * places the stamp (and optionally the padding) inside the target's own envelope.
 *
 * <pre>{@code
 * PayloadTemplate t = PayloadTemplate.parse("{\"text\":\"{{stamp}}\"}", 256);
 * t.write(buf, runId, topic, seq, intendedNanos, sentNanos);
 * }</pre>
 */
public final class PayloadTemplate {

    public static final String STAMP = "{{stamp}}";
    public static final String PADDING = "{{padding}}";
    private static final byte PAD = '.';

    private final byte[] prefix;
    private final byte[] middle;
    private final byte[] suffix;
    private final boolean padded;
    private final int sizeBytes;
    private final byte[] padding;

    private PayloadTemplate(byte[] prefix, byte[] middle, byte[] suffix, boolean padded, int sizeBytes) {
        this.prefix = prefix;
        this.middle = middle;
        this.suffix = suffix;
        this.padded = padded;
        this.sizeBytes = sizeBytes;
        this.padding = new byte[Math.max(0, sizeBytes)];
        Arrays.fill(padding, PAD);
    }

    /** Stamp followed by padding to {@code sizeBytes}. */
    public static PayloadTemplate plain(int sizeBytes) {
        return new PayloadTemplate(new byte[0], new byte[0], new byte[0], true, sizeBytes);
    }

    /**
     * A template holding {@code {{stamp}}} exactly once and {@code {{padding}}} at most once, after the stamp;
     * throws {@link IllegalArgumentException} naming what is wrong.
     */
    public static PayloadTemplate parse(String template, int sizeBytes) {
        if (template == null) {
            return plain(sizeBytes);
        }
        int stamp = template.indexOf(STAMP);
        if (stamp < 0 || template.indexOf(STAMP, stamp + 1) >= 0) {
            throw new IllegalArgumentException("the payload template must contain " + STAMP + " exactly once");
        }
        String before = template.substring(0, stamp);
        String after = template.substring(stamp + STAMP.length());
        int pad = after.indexOf(PADDING);
        if (before.contains(PADDING) || (pad >= 0 && after.indexOf(PADDING, pad + 1) >= 0)) {
            throw new IllegalArgumentException("the payload template may contain " + PADDING
                    + " once, after " + STAMP);
        }
        String middle = pad < 0 ? after : after.substring(0, pad);
        String suffix = pad < 0 ? "" : after.substring(pad + PADDING.length());
        return new PayloadTemplate(bytes(before), bytes(middle), bytes(suffix), pad >= 0, sizeBytes);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The number of bytes a message will have at most (size, or more when the template is larger). */
    public int maxBytes() {
        return Math.max(sizeBytes, prefix.length + middle.length + suffix.length + StampWriter.MAX_LENGTH);
    }

    /** Writes one message at {@code out}'s writer index. */
    public void write(ByteBuf out, long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
        int start = out.writerIndex();
        out.writeBytes(prefix);
        StampWriter.write(out, runId, topicIndex, seq, intendedNanos, sentNanos);
        out.writeBytes(middle);
        if (padded) {
            int written = out.writerIndex() - start;
            int fill = sizeBytes - written - suffix.length;
            if (fill > 0) {
                out.writeBytes(padding, 0, fill);
            }
        }
        out.writeBytes(suffix);
    }

    public int sizeBytes() {
        return sizeBytes;
    }
}
