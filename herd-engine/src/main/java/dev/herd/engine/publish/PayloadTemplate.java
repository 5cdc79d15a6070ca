package dev.herd.engine.publish;

import dev.herd.engine.protocol.FrameTemplate;
import dev.herd.engine.protocol.FrameValues;
import dev.herd.engine.protocol.Placeholders;
import dev.herd.engine.stamp.StampWriter;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bytes of a published message around its stamp. The default is the stamp followed by {@code .}
 * padding up to the message size; a template such as {@code {"type":"chat","text":"{{stamp}}{{padding}}"}}
 * places the stamp (and optionally the padding) inside the target's own envelope. {@code {{topic}}},
 * {@code {{topic_index}}} and {@code {{run}}} may appear too: some servers name the topic only in the body.
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

    /** What a template may use besides the stamp and the padding. */
    public static final Set<String> PLACEHOLDERS = Set.of(Placeholders.TOPIC, Placeholders.TOPIC_INDEX,
            Placeholders.RUN);

    private final FrameTemplate prefix;
    private final FrameTemplate middle;
    private final FrameTemplate suffix;
    private final boolean padded;
    private final int sizeBytes;
    private final byte[] padding;

    private PayloadTemplate(FrameTemplate prefix, FrameTemplate middle, FrameTemplate suffix, boolean padded,
                            int sizeBytes) {
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
        FrameTemplate none = FrameTemplate.parse("");
        return new PayloadTemplate(none, none, none, true, sizeBytes);
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
        return new PayloadTemplate(part(before), part(middle), part(suffix), pad >= 0, sizeBytes);
    }

    private static FrameTemplate part(String text) {
        FrameTemplate t = FrameTemplate.parse(text);
        for (String name : t.names()) {
            if (!PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException("the payload template uses {{" + name + "}}; it may use " + STAMP
                        + ", " + PADDING + " and {{" + String.join("}}, {{", new TreeSet<>(PLACEHOLDERS)) + "}}");
            }
        }
        return t;
    }

    /**
     * The number of bytes a message will have at most (size, or more when the template is larger), placeholders
     * counted at up to 64 bytes each: the size to allocate for one.
     */
    public int maxBytes() {
        return Math.max(sizeBytes, prefix.maxBytes(64) + middle.maxBytes(64) + suffix.maxBytes(64)
                + StampWriter.MAX_LENGTH);
    }

    /** Writes one message at {@code out}'s writer index, for a template without topic placeholders. */
    public void write(ByteBuf out, long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
        write(out, (name, buf) -> {
            if (name.equals(Placeholders.TOPIC_INDEX)) {
                Placeholders.writeDecimal(buf, topicIndex);
            } else if (name.equals(Placeholders.RUN)) {
                Placeholders.writeRunId(buf, runId);
            } else {
                throw new IllegalStateException("no value for {{" + name + "}}");
            }
        }, runId, topicIndex, seq, intendedNanos, sentNanos);
    }

    /** Writes one message at {@code out}'s writer index, the template's placeholders filled from {@code values}. */
    public void write(ByteBuf out, FrameValues values, long runId, int topicIndex, long seq, long intendedNanos,
                      long sentNanos) {
        int start = out.writerIndex();
        prefix.write(out, values);
        StampWriter.write(out, runId, topicIndex, seq, intendedNanos, sentNanos);
        middle.write(out, values);
        if (padded) {
            int suffixStart = out.writerIndex();
            suffix.write(out, values);
            int suffixLength = out.writerIndex() - suffixStart;
            out.writerIndex(suffixStart);
            int fill = sizeBytes - (suffixStart - start) - suffixLength;
            if (fill > 0) {
                out.writeBytes(padding, 0, fill);
            }
        }
        suffix.write(out, values);
    }

    /** True when the template uses a placeholder besides the stamp and the padding. */
    public boolean hasPlaceholders() {
        return !prefix.names().isEmpty() || !middle.names().isEmpty() || !suffix.names().isEmpty();
    }

    public int sizeBytes() {
        return sizeBytes;
    }
}
