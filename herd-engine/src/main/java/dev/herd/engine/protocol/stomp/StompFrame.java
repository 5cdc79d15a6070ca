package dev.herd.engine.protocol.stomp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * One received STOMP frame, seen in place in the buffer it arrived in: its command, its header lines and the range of
 * its body. A reader reuses one instance for every frame, so it is valid only during the call it is passed to.
 *
 * <pre>{@code
 * if (frame.command() == StompCommand.MESSAGE) {
 *     session.deliver(frame.buffer(), frame.bodyIndex(), frame.bodyLength());
 * }
 * if (frame.find(StompFrame.RECEIPT_ID)) { ... frame.valueIndex(), frame.valueLength() ... }
 * }</pre>
 *
 * <p>Header values are left as sent (STOMP 1.1's {@code \c}, {@code \n} escapes undone nowhere): herd only compares
 * them with its own plain values or echoes them back, where the escaped form is the right one.
 */
final class StompFrame {

    static final byte[] VERSION = header("version");
    static final byte[] HEART_BEAT = header("heart-beat");
    static final byte[] RECEIPT_ID = header("receipt-id");
    static final byte[] CONTENT_LENGTH = header("content-length");
    static final byte[] MESSAGE_ID = header("message-id");
    static final byte[] ACK = header("ack");
    static final byte[] MESSAGE = header("message");

    private ByteBuf buf;
    private StompCommand command;
    private int headersIndex;
    private int headersEnd;
    private int bodyIndex;
    private int bodyLength;
    private int valueIndex;
    private int valueLength;

    /** A header's name followed by its colon, as {@link #find} takes it. */
    static byte[] header(String name) {
        return (name + ':').getBytes(StandardCharsets.US_ASCII);
    }

    void set(ByteBuf buf, StompCommand command, int headersIndex, int headersEnd, int bodyIndex, int bodyLength) {
        this.buf = buf;
        this.command = command;
        this.headersIndex = headersIndex;
        this.headersEnd = headersEnd;
        this.bodyIndex = bodyIndex;
        this.bodyLength = bodyLength;
    }

    StompCommand command() {
        return command;
    }

    ByteBuf buffer() {
        return buf;
    }

    int bodyIndex() {
        return bodyIndex;
    }

    int bodyLength() {
        return bodyLength;
    }

    /**
     * Finds the first header named {@code nameAndColon} (the first occurrence wins, as STOMP 1.2 says); when found,
     * its value is at {@link #valueIndex()} for {@link #valueLength()} bytes.
     */
    boolean find(byte[] nameAndColon) {
        int line = headersIndex;
        while (line < headersEnd) {
            int lf = buf.indexOf(line, headersEnd, (byte) '\n');
            int lineEnd = lf < 0 ? headersEnd : lf;
            if (startsWith(buf, line, lineEnd, nameAndColon)) {
                valueIndex = line + nameAndColon.length;
                int valueEnd = lineEnd > valueIndex && buf.getByte(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
                valueLength = valueEnd - valueIndex;
                return true;
            }
            line = lineEnd + 1;
        }
        return false;
    }

    int valueIndex() {
        return valueIndex;
    }

    int valueLength() {
        return valueLength;
    }

    /** True when the header found last has exactly the value {@code expected}. */
    boolean valueIs(byte[] expected) {
        if (valueLength != expected.length) {
            return false;
        }
        for (int k = 0; k < valueLength; k++) {
            if (buf.getByte(valueIndex + k) != expected[k]) {
                return false;
            }
        }
        return true;
    }

    /** The header found last as text, for a reason to report (once per connection, never per message). */
    String valueText(int maxChars) {
        String text = buf.toString(valueIndex, valueLength, StandardCharsets.UTF_8);
        StringBuilder oneLine = new StringBuilder(Math.min(text.length(), maxChars));
        for (int k = 0; k < text.length() && oneLine.length() < maxChars; k++) {
            char c = text.charAt(k);
            oneLine.append(Character.isISOControl(c) ? ' ' : c);
        }
        return oneLine.toString();
    }

    static boolean startsWith(ByteBuf buf, int index, int end, byte[] prefix) {
        if (end - index < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (buf.getByte(index + k) != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
