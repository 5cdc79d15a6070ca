package dev.herd.engine.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientCloseFrameTest {

    /** A server's decoder, which requires every frame from a client masked (RFC 6455 §5.1). */
    private static EmbeddedChannel server() {
        return new EmbeddedChannel(new WebSocket13FrameDecoder(
                WebSocketDecoderConfig.newBuilder().expectMaskedFrames(true).allowMaskMismatch(false).build()));
    }

    @Test
    void aServerReadsNormalClosureWithoutReason() {
        EmbeddedChannel server = server();
        ByteBuf frame = ClientCloseFrame.normalClosure(ByteBufAllocator.DEFAULT);
        assertEquals(8, frame.readableBytes());
        assertTrue(server.writeInbound(frame));
        CloseWebSocketFrame close = server.readInbound();
        try {
            assertTrue(close.isFinalFragment());
            assertEquals(1000, close.statusCode());
            assertEquals("", close.reasonText());
        } finally {
            close.release();
        }
        server.finishAndReleaseAll();
    }

    @Test
    void everyFrameHasItsOwnMask() {
        Set<Integer> masks = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            ByteBuf frame = ClientCloseFrame.normalClosure(ByteBufAllocator.DEFAULT);
            try {
                assertEquals(0x88, frame.getUnsignedByte(0));
                assertEquals(0x82, frame.getUnsignedByte(1));
                masks.add(frame.getInt(2));
            } finally {
                frame.release();
            }
        }
        // 64 draws of a 32-bit key: a repeat or two is possible, all but impossible; one key for all would be a fault.
        assertTrue(masks.size() > 60, "masks drawn: " + masks.size());
    }
}
