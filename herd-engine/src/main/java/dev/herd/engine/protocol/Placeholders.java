package dev.herd.engine.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Set;

/**
 * The placeholders every frame may use (DESIGN.md, "Protocols over WebSocket"), and how numbers are written into a
 * frame without building text. Feeder columns and a script's captures come on top of these, by their own names.
 */
public final class Placeholders {

    /** The topic's name. */
    public static final String TOPIC = "topic";
    /** The topic's index in the run (0, 1, …). */
    public static final String TOPIC_INDEX = "topic_index";
    /** The client's index in the run: subscribers 0, 1, …; publisher connections by topic. */
    public static final String CLIENT = "client";
    /** The run id as summary.json's {@code run_id} gives it: eight lowercase hex digits. */
    public static final String RUN = "run";
    /** A per-connection counter, one more at each use (Phoenix's {@code ref}, a request id). */
    public static final String REF = "ref";
    /** The stamped payload of a publish: the template and padding. */
    public static final String PAYLOAD = "payload";
    /** The byte length of {@link #PAYLOAD}. */
    public static final String LENGTH = "length";
    /** The stamp alone, from the payload. */
    public static final String STAMP = "stamp";

    /** What any frame of a connection may use. */
    public static final Set<String> CONNECTION = Set.of(TOPIC, TOPIC_INDEX, CLIENT, RUN, REF);
    /** What a publish frame may use besides {@link #CONNECTION}. */
    public static final Set<String> PUBLISH = Set.of(PAYLOAD, LENGTH, STAMP);

    private Placeholders() {
    }

    /** Writes {@code value} (not negative) in decimal ASCII. */
    public static void writeDecimal(ByteBuf out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        if (value < 10) {
            out.writeByte('0' + (int) value);
            return;
        }
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        int at = out.writerIndex();
        out.ensureWritable(digits);
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(at + i, '0' + (int) (value % 10));
            value /= 10;
        }
        out.writerIndex(at + digits);
    }

    /** Writes a run id (32 bits) as eight lowercase hex digits, as summary.json's {@code run_id}. */
    public static void writeRunId(ByteBuf out, long runId) {
        for (int i = 7; i >= 0; i--) {
            int nibble = (int) (runId >>> (i * 4)) & 0xF;
            out.writeByte(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }
    }
}
