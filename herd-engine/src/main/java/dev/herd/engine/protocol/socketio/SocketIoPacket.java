package dev.herd.engine.protocol.socketio;

import io.netty.buffer.ByteBuf;

/**
 * Reads the head of an Engine.IO 4 / Socket.IO 5 packet in place: its types, the namespace it names and its ack id,
 * with no text built. A Socket.IO packet travels as the payload of an Engine.IO {@code message} packet:
 * {@code 4} (Engine.IO message), then the Socket.IO type, {@code [attachments-][/namespace,][ack id][JSON data]}.
 * See <a href="https://socket.io/docs/v4/engine-io-protocol/">the Engine.IO protocol</a> and
 * <a href="https://socket.io/docs/v4/socket-io-protocol/">the Socket.IO protocol</a>.
 *
 * <pre>{@code
 * // 42/chat,7["message","~h1...~"]  at [from, to)
 * int afterNs = SocketIoPacket.afterNamespace(buf, from + 2, to);           // at the 7
 * boolean ours = SocketIoPacket.namespaceIs(buf, from + 2, afterNs, ns);     // ns = "/chat" as bytes
 * long ack = SocketIoPacket.ackId(buf, afterNs, to);                          // 7
 * }</pre>
 */
final class SocketIoPacket {

    /** Separates packets sent together (Engine.IO's record separator). */
    static final byte RECORD_SEPARATOR = 0x1e;

    // Engine.IO packet types (protocol 4).
    static final byte OPEN = '0';
    static final byte CLOSE = '1';
    static final byte PING = '2';
    static final byte PONG = '3';
    static final byte MESSAGE = '4';
    static final byte UPGRADE = '5';
    static final byte NOOP = '6';

    // Socket.IO packet types (protocol 5), the first byte of an Engine.IO message.
    static final byte CONNECT = '0';
    static final byte DISCONNECT = '1';
    static final byte EVENT = '2';
    static final byte ACK = '3';
    static final byte CONNECT_ERROR = '4';
    static final byte BINARY_EVENT = '5';
    static final byte BINARY_ACK = '6';

    /** Ack ids beyond this many digits are not herd's: it only ever sends one, and small. */
    private static final int MAX_ACK_DIGITS = 9;

    private SocketIoPacket() {
    }

    /** Where the namespace {@code /name,} at {@code i} ends (after its comma), or {@code i} when none is named. */
    static int afterNamespace(ByteBuf buf, int i, int end) {
        if (i >= end || buf.getByte(i) != '/') {
            return i;
        }
        int comma = buf.indexOf(i, end, (byte) ',');
        return comma < 0 ? end : comma + 1;
    }

    /**
     * True when the namespace between {@code i} and {@code afterNamespace} is {@code namespace} (its bytes, such as
     * {@code /chat}); a packet that names none is for the main namespace {@code /}.
     */
    static boolean namespaceIs(ByteBuf buf, int i, int afterNamespace, byte[] namespace) {
        if (afterNamespace == i) {
            return namespace.length == 1;
        }
        int length = afterNamespace - i;
        if (buf.getByte(afterNamespace - 1) == ',') {
            length--;
        }
        if (length != namespace.length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (buf.getByte(i + k) != namespace[k]) {
                return false;
            }
        }
        return true;
    }

    /** The ack id written at {@code i} (decimal digits), or -1 when the packet carries none. */
    static long ackId(ByteBuf buf, int i, int end) {
        long id = 0;
        int digits = 0;
        while (i < end) {
            byte b = buf.getByte(i);
            if (b < '0' || b > '9') {
                break;
            }
            if (++digits > MAX_ACK_DIGITS) {
                return -1;
            }
            id = id * 10 + (b - '0');
            i++;
        }
        return digits == 0 ? -1 : id;
    }
}
