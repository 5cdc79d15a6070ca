package dev.herd.engine.ws;

import dev.herd.engine.client.ResponseLimits;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.connect.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads the head of the server's answer to a WebSocket upgrade as it arrives, in whatever pieces: the status line
 * and the five headers the handshake needs (RFC 6455 §4.1), every other header checked for form and skipped. What
 * follows the head (the server's first frames may share its read) is left in the buffer. Bounded as
 * {@link ResponseLimits} says ({@code headers_too_large}); a head that is not HTTP/1.x as written is
 * {@code http_malformed}. Lines may end in CRLF or a bare LF, empty lines before the status line are skipped and a
 * folded header line continues the one before (RFC 7230 §3.2.4, §3.5).
 *
 * <pre>{@code
 * WsUpgradeResponse head = new WsUpgradeResponse();
 * if (head.read(in)) {              // true once the head ended; in's reader index is just past it
 *     head.status();                // 101
 *     head.accept();                // Sec-WebSocket-Accept, or null
 * }
 * }</pre>
 */
final class WsUpgradeResponse {

    private static final String[] TRACKED = {"upgrade", "connection", "sec-websocket-accept",
        "sec-websocket-protocol", "sec-websocket-extensions"};
    private static final int UPGRADE = 0;
    private static final int CONNECTION = 1;
    private static final int ACCEPT = 2;
    private static final int PROTOCOL = 3;
    private static final int EXTENSIONS = 4;

    /** The line being read, without its end; grows to the limit. */
    private byte[] line = new byte[128];
    private int lineLength;
    private boolean statusRead;
    private boolean complete;
    private int status;
    /** Bytes of the head after the status line, line ends included, for the limit. */
    private int headerBytes;
    private final String[] values = new String[TRACKED.length];
    /** The tracked header the last header line set (-1: none, or one not tracked), for a folded continuation. */
    private int lastHeader = -1;
    private boolean anyHeader;

    /**
     * Consumes the head's bytes from {@code in}; true once the head is complete (then nothing more is consumed).
     *
     * @throws ProtocolViolation for a head too large or one that does not parse
     */
    boolean read(ByteBuf in) {
        while (!complete && in.isReadable()) {
            int start = in.readerIndex();
            int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
            int end = lf < 0 ? in.writerIndex() : lf;
            append(in, start, end - start);
            if (lf < 0) {
                in.readerIndex(end);
                return false;
            }
            in.readerIndex(lf + 1);
            if (statusRead) {
                headerBytes += 1;
            }
            endLine();
        }
        return complete;
    }

    int status() {
        return status;
    }

    String upgrade() {
        return values[UPGRADE];
    }

    String connection() {
        return values[CONNECTION];
    }

    String accept() {
        return values[ACCEPT];
    }

    String protocol() {
        return values[PROTOCOL];
    }

    String extensions() {
        return values[EXTENSIONS];
    }

    private void append(ByteBuf in, int from, int length) {
        if (statusRead) {
            headerBytes += length;
            if (headerBytes > ResponseLimits.MAX_HEADER_BYTES) {
                throw new ProtocolViolation(FailureReason.HEADERS_TOO_LARGE,
                        "the upgrade response's headers exceed " + ResponseLimits.MAX_HEADER_BYTES + " bytes");
            }
        } else if (lineLength + length > ResponseLimits.MAX_STATUS_LINE_BYTES) {
            throw new ProtocolViolation(FailureReason.HEADERS_TOO_LARGE,
                    "the upgrade response's status line exceeds " + ResponseLimits.MAX_STATUS_LINE_BYTES + " bytes");
        }
        if (lineLength + length > line.length) {
            line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        in.getBytes(from, line, lineLength, length);
        lineLength += length;
    }

    private void endLine() {
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineLength = 0;
        if (!statusRead) {
            if (length > 0) {
                statusLine(length);
                statusRead = true;
            }
        } else if (length == 0) {
            complete = true;
        } else if (line[0] == ' ' || line[0] == '\t') {
            if (!anyHeader) {
                throw malformed("a header line begins with white space");
            }
            if (lastHeader >= 0) {
                // The folded value joins the one before with a space, as RFC 7230 §3.2.4 tells a recipient to.
                values[lastHeader] = values[lastHeader] + ' ' + trimmed(0, length);
            }
        } else {
            headerLine(length);
        }
    }

    /** {@code HTTP/1.x SP 3DIGIT [SP reason]}. */
    private void statusLine(int length) {
        if (length < 12 || !startsWith("HTTP/1.") || !digit(7) || line[8] != ' '
                || !digit(9) || !digit(10) || !digit(11) || (length > 12 && line[12] != ' ')) {
            throw malformed("the status line is not HTTP/1.x: '" + shown(0, length) + "'");
        }
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    }

    private void headerLine(int length) {
        int colon = 0;
        while (colon < length && line[colon] != ':') {
            if (!tokenChar(line[colon])) {
                throw malformed("a header line is not 'name: value': '" + shown(0, length) + "'");
            }
            colon++;
        }
        if (colon == 0 || colon == length) {
            throw malformed("a header line is not 'name: value': '" + shown(0, length) + "'");
        }
        anyHeader = true;
        lastHeader = tracked(colon);
        if (lastHeader >= 0) {
            String value = trimmed(colon + 1, length);
            String before = values[lastHeader];
            // A header sent twice counts as one list (RFC 7230 §3.2.2).
            values[lastHeader] = before == null ? value : before + ", " + value;
        }
    }

    private int tracked(int nameLength) {
        for (int t = 0; t < TRACKED.length; t++) {
            String name = TRACKED[t];
            if (name.length() == nameLength && sameIgnoringCase(name)) {
                return t;
            }
        }
        return -1;
    }

    private boolean sameIgnoringCase(String lowerName) {
        for (int i = 0; i < lowerName.length(); i++) {
            int c = line[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String trimmed(int from, int to) {
        while (from < to && (line[from] == ' ' || line[from] == '\t')) {
            from++;
        }
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
            to--;
        }
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private boolean startsWith(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean digit(int i) {
        return line[i] >= '0' && line[i] <= '9';
    }

    /** RFC 7230 §3.2.6 tchar. */
    private static boolean tokenChar(byte b) {
        if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
            return true;
        }
        return b > 0 && "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }

    /** At most 80 characters of the line, control characters as '?', for an error message. */
    private String shown(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < Math.min(to, from + 80); i++) {
            int c = line[i] & 0xFF;
            s.append(c < 0x20 || c == 0x7F ? '?' : (char) c);
        }
        return to - from > 80 ? s.append("...").toString() : s.toString();
    }

    private static ProtocolViolation malformed(String why) {
        return new ProtocolViolation(FailureReason.HTTP_MALFORMED, "the upgrade response: " + why);
    }
}
