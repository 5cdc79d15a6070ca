package dev.herd.engine.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The close frame a client ends its connection with (RFC 6455 §5.5.1): status 1000, no reason, masked as every frame
 * a client sends (§5.3), eight bytes built directly rather than as a Netty frame object through the encoder. At the
 * end of a run every connection closes at once; through the encoder that took the frame object, the reason's UTF-8
 * encoding and the encoder's general path for each one, code the JIT then compiled for those few seconds only.
 *
 * <pre>{@code
 * pipeline.context(ENCODER_NAME).writeAndFlush(ClientCloseFrame.normalClosure(channel.alloc()));
 * }</pre>
 */
final class ClientCloseFrame {

    /** FIN and the close opcode (§5.2). */
    private static final int FIN_CLOSE = 0x88;
    /** The mask bit and a payload of two bytes: the status code alone. */
    private static final int MASKED_TWO_BYTES = 0x80 | 2;
    private static final int LENGTH = 8;

    private ClientCloseFrame() {
    }

    /** A new frame: status 1000 (normal closure), masked with a fresh key. */
    static ByteBuf normalClosure(ByteBufAllocator alloc) {
        int mask = ThreadLocalRandom.current().nextInt();
        int code = WebSocketCloseStatus.NORMAL_CLOSURE.code();
        ByteBuf frame = alloc.buffer(LENGTH, LENGTH);
        frame.writeByte(FIN_CLOSE).writeByte(MASKED_TWO_BYTES).writeInt(mask);
        // Payload byte i is masked with key byte i % 4, the key's bytes in the order they are sent (big-endian).
        frame.writeByte((code >>> 8) ^ (mask >>> 24)).writeByte(code ^ (mask >>> 16));
        return frame;
    }
}
