package dev.herd.broker.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes a complete, unmasked, unfragmented server-to-client data frame (RFC 6455 §5.2) into one buffer, so
 * that a topic encodes each message once and every WebSocket subscriber gets the same bytes. Written raw, the
 * buffer passes through Netty's frame encoder untouched (it only encodes {@code WebSocketFrame}s).
 *
 * <pre>{@code
 * ByteBuf frame = WsFramePreEncoder.encode(alloc, false, payload); // FIN | text, length, payload
 * }</pre>
 */
public final class WsFramePreEncoder {

    /** The longest header of an unmasked frame: 2 bytes, then a 64-bit length. */
    static final int MAX_HEADER_BYTES = 10;
    static final int FIN = 0x80;
    /** RFC 7692 §6: set on the first frame of a compressed message. */
    static final int RSV1 = 0x40;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;

    private WsFramePreEncoder() {
    }

    /** The frame carrying {@code payload}'s readable bytes; {@code payload} is neither consumed nor released. */
    public static ByteBuf encode(ByteBufAllocator alloc, boolean binary, ByteBuf payload) {
        int length = payload.readableBytes();
        ByteBuf frame = alloc.buffer(headerLength(length) + length);
        frame.writerIndex(writeHeader(frame, 0, FIN | opcode(binary), length));
        return frame.writeBytes(payload, payload.readerIndex(), length);
    }

    static int opcode(boolean binary) {
        return binary ? OPCODE_BINARY : OPCODE_TEXT;
    }

    static int headerLength(int payloadLength) {
        return payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }

    /** Sets the header at {@code index} (indexes untouched); returns the index after it. */
    static int writeHeader(ByteBuf frame, int index, int firstByte, int payloadLength) {
        frame.setByte(index, firstByte);
        // The mask bit stays clear: servers never mask (RFC 6455 §5.1).
        if (payloadLength < 126) {
            frame.setByte(index + 1, payloadLength);
            return index + 2;
        }
        if (payloadLength <= 0xFFFF) {
            frame.setByte(index + 1, 126).setShort(index + 2, payloadLength);
            return index + 4;
        }
        frame.setByte(index + 1, 127).setLong(index + 2, payloadLength);
        return index + 10;
    }
}
