package dev.herd.target.ws;

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

    private static final int FIN = 0x80;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;

    private WsFramePreEncoder() {
    }

    /** The frame carrying {@code payload}'s readable bytes; {@code payload} is neither consumed nor released. */
    public static ByteBuf encode(ByteBufAllocator alloc, boolean binary, ByteBuf payload) {
        int length = payload.readableBytes();
        int headerLength = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuf frame = alloc.buffer(headerLength + length);
        frame.writeByte(FIN | (binary ? OPCODE_BINARY : OPCODE_TEXT));
        if (length < 126) {
            frame.writeByte(length); // mask bit clear: servers never mask (RFC 6455 §5.1)
        } else if (length <= 0xFFFF) {
            frame.writeByte(126).writeShort(length);
        } else {
            frame.writeByte(127).writeLong(length);
        }
        return frame.writeBytes(payload, payload.readerIndex(), length);
    }
}
