package dev.herd.engine.protocol.graphqlws;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads what herd needs of a graphql-transport-ws message in place: its {@code type}, and whether its {@code id} is
 * the connection's subscription. Only the top level of the JSON object is read; nested values (the payload) are
 * skipped, strings by searching for their closing quote, and reading stops as soon as both keys are known, which for
 * the usual key order ({@code {"id":…,"type":"next","payload":…}}) is before the payload.
 *
 * <pre>{@code
 * int read = GraphqlWsMessageReader.read(buf, from, to, ID);
 * if (read != MALFORMED && GraphqlWsMessageReader.type(read) == NEXT && GraphqlWsMessageReader.ours(read)) { … }
 * }</pre>
 *
 * @see <a href="https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md">the graphql-transport-ws protocol</a>
 */
final class GraphqlWsMessageReader {

    /** Not a JSON object with a string {@code type}. */
    static final int MALFORMED = -1;

    static final int OTHER = 0;
    static final int CONNECTION_ACK = 1;
    static final int PING = 2;
    static final int PONG = 3;
    static final int NEXT = 4;
    static final int ERROR = 5;
    static final int COMPLETE = 6;

    private static final int TYPE_MASK = 0xF;
    private static final int OURS = 0x10;

    private static final byte[] TYPE_KEY = bytes("type");
    private static final byte[] ID_KEY = bytes("id");
    /** By type code. */
    private static final byte[][] TYPES = {null, bytes("connection_ack"), bytes("ping"), bytes("pong"),
            bytes("next"), bytes("error"), bytes("complete")};

    private GraphqlWsMessageReader() {
    }

    /**
     * Reads the message at {@code [from, to)}: a type code, flagged when its id is {@code id} (the bytes between the
     * quotes), or {@link #MALFORMED}.
     */
    static int read(ByteBuf buf, int from, int to, byte[] id) {
        int i = skipSpace(buf, from, to);
        if (i >= to || buf.getByte(i) != '{') {
            return MALFORMED;
        }
        i++;
        int type = MALFORMED;
        boolean idSeen = false;
        boolean ours = false;
        while (true) {
            i = skipSpace(buf, i, to);
            if (i >= to) {
                return MALFORMED;
            }
            if (buf.getByte(i) == '}') {
                break;
            }
            if (buf.getByte(i) != '"') {
                return MALFORMED;
            }
            int keyStart = i + 1;
            int keyEnd = stringEnd(buf, keyStart, to);
            if (keyEnd < 0) {
                return MALFORMED;
            }
            i = skipSpace(buf, keyEnd + 1, to);
            if (i >= to || buf.getByte(i) != ':') {
                return MALFORMED;
            }
            i = skipSpace(buf, i + 1, to);
            if (i >= to) {
                return MALFORMED;
            }
            boolean string = buf.getByte(i) == '"';
            if (string && equals(buf, keyStart, keyEnd, TYPE_KEY)) {
                int end = stringEnd(buf, i + 1, to);
                if (end < 0) {
                    return MALFORMED;
                }
                type = typeOf(buf, i + 1, end);
                i = end + 1;
            } else if (string && equals(buf, keyStart, keyEnd, ID_KEY)) {
                int end = stringEnd(buf, i + 1, to);
                if (end < 0) {
                    return MALFORMED;
                }
                idSeen = true;
                ours = equals(buf, i + 1, end, id);
                i = end + 1;
            } else {
                i = skipValue(buf, i, to);
                if (i < 0) {
                    return MALFORMED;
                }
            }
            if (type != MALFORMED && idSeen) {
                break;
            }
            i = skipSpace(buf, i, to);
            if (i >= to) {
                return MALFORMED;
            }
            byte b = buf.getByte(i);
            if (b == '}') {
                break;
            }
            if (b != ',') {
                return MALFORMED;
            }
            i++;
        }
        return type == MALFORMED ? MALFORMED : type | (ours ? OURS : 0);
    }

    /** The type code of a {@link #read} result. */
    static int type(int read) {
        return read & TYPE_MASK;
    }

    /** True when the {@link #read} message carries the subscription's id. */
    static boolean ours(int read) {
        return (read & OURS) != 0;
    }

    private static int typeOf(ByteBuf buf, int from, int to) {
        for (int t = 1; t < TYPES.length; t++) {
            if (equals(buf, from, to, TYPES[t])) {
                return t;
            }
        }
        return OTHER;
    }

    /** The index of the quote closing a string whose content starts at {@code i}, or -1. */
    private static int stringEnd(ByteBuf buf, int i, int to) {
        int quote = buf.indexOf(i, to, (byte) '"');
        while (quote >= 0) {
            int backslashes = 0;
            for (int k = quote - 1; k >= i && buf.getByte(k) == '\\'; k--) {
                backslashes++;
            }
            if ((backslashes & 1) == 0) {
                return quote;
            }
            quote = buf.indexOf(quote + 1, to, (byte) '"');
        }
        return -1;
    }

    /** The index after the JSON value starting at {@code i}, or -1 when it does not end before {@code to}. */
    private static int skipValue(ByteBuf buf, int i, int to) {
        byte first = buf.getByte(i);
        if (first == '"') {
            int end = stringEnd(buf, i + 1, to);
            return end < 0 ? -1 : end + 1;
        }
        if (first == '{' || first == '[') {
            int depth = 0;
            while (i < to) {
                byte b = buf.getByte(i);
                if (b == '"') {
                    int end = stringEnd(buf, i + 1, to);
                    if (end < 0) {
                        return -1;
                    }
                    i = end + 1;
                    continue;
                }
                if (b == '{' || b == '[') {
                    depth++;
                } else if ((b == '}' || b == ']') && --depth == 0) {
                    return i + 1;
                }
                i++;
            }
            return -1;
        }
        int start = i;
        while (i < to) {
            byte b = buf.getByte(i);
            if (b == ',' || b == '}' || b == ']' || isSpace(b)) {
                break;
            }
            i++;
        }
        return i == start ? -1 : i;
    }

    private static boolean equals(ByteBuf buf, int from, int to, byte[] expected) {
        if (to - from != expected.length) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if (buf.getByte(from + k) != expected[k]) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(ByteBuf buf, int i, int to) {
        while (i < to && isSpace(buf.getByte(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
