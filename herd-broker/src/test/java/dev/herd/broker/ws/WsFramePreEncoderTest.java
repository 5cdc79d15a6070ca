package dev.herd.broker.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WsFramePreEncoderTest {

    /** Lengths around each payload-length encoding boundary (7-bit, 16-bit, 64-bit). */
    @ParameterizedTest(name = "payload of {0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 100_000})
    void aClientDecoderReadsTheFrameBackForTextAndBinary(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'x');
        for (boolean binary : new boolean[] {false, true}) {
            ByteBuf source = Unpooled.wrappedBuffer(payload);
            ByteBuf frame = WsFramePreEncoder.encode(ByteBufAllocator.DEFAULT, binary, source);
            assertThat(source.readerIndex()).isZero();

            EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(
                    WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
            client.writeInbound(frame);
            WebSocketFrame decoded = client.readInbound();
            assertThat(decoded).isInstanceOf(binary ? BinaryWebSocketFrame.class : TextWebSocketFrame.class);
            assertThat(decoded.isFinalFragment()).isTrue();
            assertThat(decoded.content()).isEqualTo(Unpooled.wrappedBuffer(payload));
            decoded.release();
            assertThat(client.<Object>readInbound()).isNull();
            assertThat(client.finish()).isFalse();
            assertThat(frame.refCnt()).isZero();
        }
    }

    @ParameterizedTest(name = "raw frames of {0} bytes pass through the server's frame encoder untouched")
    @ValueSource(ints = {0, 200})
    void serverFrameEncoderPassesPreEncodedBytesThrough(int length) {
        ByteBuf frame = WsFramePreEncoder.encode(ByteBufAllocator.DEFAULT, false, Unpooled.wrappedBuffer(new byte[length]));
        EmbeddedChannel server = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        server.writeOutbound(frame.retainedDuplicate());
        ByteBuf out = server.readOutbound();
        assertThat(out).isEqualTo(frame);
        out.release();
        frame.release();
        assertThat(server.finish()).isFalse();
    }
}
