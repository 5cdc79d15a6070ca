package dev.herd.broker.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compressed pre-encoding read back by a client: Netty's own permessage-deflate client decoder, and the
 * JDK's {@link Inflater} with the removed tail appended again (RFC 7692 §7.2.2).
 */
class DeflatePreEncoderTest {

    private final WsDeflatePreEncoder encoder = new WsDeflatePreEncoder();

    @AfterEach
    void closeEncoder() {
        encoder.close();
    }

    /** Sizes around the frame-length encodings; random bytes do not compress, so they also reach the 64-bit one. */
    @ParameterizedTest(name = "payload of {0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 4000, 65535, 65536, 200_000})
    void nettysClientDecoderAndTheJdkInflaterRecoverThePayload(int length) throws DataFormatException {
        for (byte[] payload : new byte[][] {text(length), random(length)}) {
            for (boolean binary : new boolean[] {false, true}) {
                ByteBuf source = Unpooled.wrappedBuffer(payload);
                ByteBuf frame = encoder.encode(ByteBufAllocator.DEFAULT, binary, source);
                assertThat(source.readerIndex()).isZero();
                assertThat(frame.getByte(frame.readerIndex()) & 0xff).as("FIN | RSV1 | opcode")
                        .isEqualTo(0x80 | 0x40 | (binary ? 0x2 : 0x1));

                assertThat(inflateWithTail(compressedPayload(frame))).isEqualTo(payload);
                assertThat(decodeAsNettyClient(frame.retainedDuplicate(), binary)).isEqualTo(payload);
                frame.release();
                assertThat(frame.refCnt()).isZero();
            }
        }
    }

    @Test
    void theSyncFlushTailIsRemoved() {
        ByteBuf frame = encoder.encode(ByteBufAllocator.DEFAULT, false, utf8("hello, hello, hello"));
        byte[] compressed = compressedPayload(frame);
        frame.release();
        assertThat(Arrays.copyOfRange(compressed, compressed.length - 4, compressed.length))
                .isNotEqualTo(new byte[] {0, 0, (byte) 0xff, (byte) 0xff});
    }

    @Test
    void eachMessageIsCompressedOnItsOwnSoAnyOneInflatesWithAFreshInflater() throws DataFormatException {
        byte[] first = "the same words again and again; the same words again and again".getBytes(StandardCharsets.UTF_8);
        ByteBuf one = encoder.encode(ByteBufAllocator.DEFAULT, false, Unpooled.wrappedBuffer(first));
        ByteBuf two = encoder.encode(ByteBufAllocator.DEFAULT, false, Unpooled.wrappedBuffer(first));
        // With context takeover the second would refer back into the first and be much shorter, and differ.
        assertThat(ByteBufUtil.equals(one, two)).isTrue();
        assertThat(inflateWithTail(compressedPayload(two))).isEqualTo(first);
        one.release();
        two.release();
    }

    @Test
    void aCompositePayloadCompressesLikeOneBuffer() throws DataFormatException {
        byte[] whole = text(10_000);
        ByteBuf composite = Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(whole, 0, 3000),
                Unpooled.wrappedBuffer(whole, 3000, 7000));
        ByteBuf frame = encoder.encode(ByteBufAllocator.DEFAULT, false, composite);
        assertThat(inflateWithTail(compressedPayload(frame))).isEqualTo(whole);
        frame.release();
        composite.release();
    }

    /** The frame's payload: the bytes after its header. */
    static byte[] compressedPayload(ByteBuf frame) {
        int at = frame.readerIndex();
        int lengthByte = frame.getByte(at + 1) & 0x7f;
        int header = lengthByte < 126 ? 2 : lengthByte == 126 ? 4 : 10;
        return ByteBufUtil.getBytes(frame, at + header, frame.readableBytes() - header);
    }

    static byte[] inflateWithTail(byte[] compressed) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            byte[] withTail = Arrays.copyOf(compressed, compressed.length + 4);
            withTail[compressed.length + 2] = (byte) 0xff;
            withTail[compressed.length + 3] = (byte) 0xff;
            inflater.setInput(withTail);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            while (!inflater.needsInput() && !inflater.finished()) {
                int n = inflater.inflate(chunk);
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    /** What a Netty client with permessage-deflate negotiated makes of the frame; releases it. */
    static byte[] decodeAsNettyClient(ByteBuf frame, boolean binary) {
        EmbeddedChannel client = new EmbeddedChannel(
                new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false)
                        .allowExtensions(true).maxFramePayloadLength(1 << 24).build()),
                nettyClientInflater());
        client.writeInbound(frame);
        WebSocketFrame decoded = client.readInbound();
        assertThat(decoded).isInstanceOf(binary ? BinaryWebSocketFrame.class : TextWebSocketFrame.class);
        assertThat(decoded.isFinalFragment()).isTrue();
        assertThat(decoded.rsv()).isZero();
        byte[] bytes = ByteBufUtil.getBytes(decoded.content());
        decoded.release();
        assertThat(client.<Object>readInbound()).isNull();
        assertThat(client.finishAndReleaseAll()).isFalse();
        return bytes;
    }

    /** Netty's client-side permessage-deflate decoder, as its handshaker makes it for our 101's answer. */
    static io.netty.channel.ChannelHandler nettyClientInflater() {
        Map<String, String> answer = new HashMap<>();
        answer.put("server_no_context_takeover", null);
        return new PerMessageDeflateClientExtensionHandshaker(0)
                .handshakeExtension(new WebSocketExtensionData("permessage-deflate", answer))
                .newExtensionDecoder();
    }

    static byte[] text(int length) {
        byte[] bytes = new byte[length];
        byte[] words = "stamp ~h1.0.1.2.3.4~ padding ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < length; i++) {
            bytes[i] = words[i % words.length];
        }
        return bytes;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }
}
