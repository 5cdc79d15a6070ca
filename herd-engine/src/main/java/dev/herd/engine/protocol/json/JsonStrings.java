package dev.herd.engine.protocol.json;

import io.netty.buffer.ByteBuf;

/**
 * JSON string escaping (RFC 8259 §7): of option text once, when a protocol is built, and of a placeholder's value in
 * place, right after it was written into a frame, so that no text is built per frame.
 *
 * <pre>{@code
 * String inner = JsonStrings.escape("subscription { messages(topic: \"a\") }");   // quotes become \"
 * int start = out.writerIndex();
 * values.write("topic", out);
 * JsonStrings.escapeWritten(out, start);                                         // the value, escaped where it lies
 * }</pre>
 */
public final class JsonStrings {

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

    private JsonStrings() {
    }

    /** {@code text} escaped to sit between the quotes of a JSON string (the quotes not included). */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** {@code text} as a JSON string, quotes included. */
    public static String quote(String text) {
        return '"' + escape(text) + '"';
    }

    /**
     * Escapes, in place, the bytes written to {@code out} from {@code start} to its writer index: UTF-8 passes as it
     * is (multi-byte sequences have no byte below 0x80), quotes, backslashes and control characters are escaped.
     * Allocates nothing when there is nothing to escape, which is the usual case (topics, stamps, padding).
     */
    public static void escapeWritten(ByteBuf out, int start) {
        int end = out.writerIndex();
        int extra = 0;
        for (int i = start; i < end; i++) {
            extra += extraBytes(out.getByte(i));
        }
        if (extra == 0) {
            return;
        }
        out.ensureWritable(extra);
        // From the end backwards, so each byte moves before anything is written over it.
        int to = end + extra;
        for (int i = end - 1; i >= start; i--) {
            byte b = out.getByte(i);
            int more = extraBytes(b);
            if (more == 0) {
                out.setByte(--to, b);
            } else if (more == 1) {
                out.setByte(--to, shortEscape(b));
                out.setByte(--to, '\\');
            } else {
                out.setByte(--to, HEX[b & 0xF]);
                out.setByte(--to, HEX[(b >> 4) & 0xF]);
                out.setByte(--to, '0');
                out.setByte(--to, '0');
                out.setByte(--to, 'u');
                out.setByte(--to, '\\');
            }
        }
        out.writerIndex(end + extra);
    }

    /** How many bytes escaping {@code b} adds: 0, 1 ({@code \"}, {@code \n}, …) or 5 ({@code \u001f}). */
    private static int extraBytes(byte b) {
        if (b == '"' || b == '\\') {
            return 1;
        }
        if (b >= 0 && b < 0x20) {
            return b == '\n' || b == '\r' || b == '\t' || b == '\b' || b == '\f' ? 1 : 5;
        }
        return 0;
    }

    private static byte shortEscape(byte b) {
        return switch (b) {
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\f' -> 'f';
            default -> b;
        };
    }
}
