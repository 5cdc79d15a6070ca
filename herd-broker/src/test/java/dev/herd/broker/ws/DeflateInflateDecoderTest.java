package dev.herd.broker.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link WsInflateDecoder}: what permessage-deflate clients send, inflated, limited and checked. */
class DeflateInflateDecoderTest {

    private static final int RSV1 = 0x4;

    private final Deflater client = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private EmbeddedChannel channel;

    @AfterEach
    void release() {
        client.end();
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aCompressedMessageIsInflatedAndLosesItsRsv1() {
        channel = new EmbeddedChannel(new WsInflateDecoder(1 << 16, true));
        channel.writeInbound(new TextWebSocketFrame(true, RSV1, compressed("hello, hello, hello")));
        TextWebSocketFrame frame = channel.readInbound();
        assertThat(frame.text()).isEqualTo("hello, hello, hello");
        assertThat(frame.rsv()).isZero();
        frame.release();
        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void aFragmentedCompressedMessageIsInflatedFrameByFrame() {
        channel = new EmbeddedChannel(new WsInflateDecoder(1 << 16, true));
        byte[] whole = bytes(compressed("the first half and the second half"));
        int cut = whole.length / 2;
        channel.writeInbound(new BinaryWebSocketFrame(false, RSV1, Unpooled.wrappedBuffer(whole, 0, cut)));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0,
                Unpooled.wrappedBuffer(whole, cut, whole.length - cut)));
        StringBuilder text = new StringBuilder();
        WebSocketFrame first = channel.readInbound();
        assertThat(first).isInstanceOf(BinaryWebSocketFrame.class);
        assertThat(first.isFinalFragment()).isFalse();
        text.append(first.content().toString(StandardCharsets.UTF_8));
        first.release();
        WebSocketFrame last = channel.readInbound();
        assertThat(last).isInstanceOf(ContinuationWebSocketFrame.class);
        assertThat(last.isFinalFragment()).isTrue();
        text.append(last.content().toString(StandardCharsets.UTF_8));
        last.release();
        assertThat(text).hasToString("the first half and the second half");
    }

    @Test
    void withContextTakeoverAMessageMayReferBackToTheOneBefore() {
        channel = new EmbeddedChannel(new WsInflateDecoder(1 << 16, false));
        for (int i = 0; i < 3; i++) {
            // The client's window is kept between messages: later ones are tiny back-references.
            channel.writeInbound(new TextWebSocketFrame(true, RSV1, compressedKeepingContext("a repeated message")));
            TextWebSocketFrame frame = channel.readInbound();
            assertThat(frame.text()).isEqualTo("a repeated message");
            frame.release();
        }
    }

    @Test
    void uncompressedMessagesAndControlFramesPassThroughUntouched() {
        channel = new EmbeddedChannel(new WsInflateDecoder(1 << 16, true));
        TextWebSocketFrame plain = new TextWebSocketFrame("plain");
        channel.writeInbound(plain);
        channel.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2})));
        WebSocketFrame first = channel.readInbound();
        assertThat(first).isSameAs(plain);
        first.release();
        WebSocketFrame ping = channel.readInbound();
        assertThat(ping).isInstanceOf(PingWebSocketFrame.class);
        ping.release();
    }

    @Test
    void aMessageThatInflatesPastTheLimitIsTooLongEvenFromASmallFrame() {
        channel = new EmbeddedChannel(new WsInflateDecoder(64 << 10, true));
        ByteBuf bomb = compressed("x".repeat(1 << 20)); // a megabyte of one letter: about a kilobyte compressed
        assertThat(bomb.readableBytes()).isLessThan(4096);
        assertThatThrownBy(() -> channel.writeInbound(new TextWebSocketFrame(true, RSV1, bomb)))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(bomb.refCnt()).isZero();
    }

    @Test
    void bytesThatDoNotInflateCloseWith1007() {
        channel = new EmbeddedChannel(new WsInflateDecoder(1 << 16, true));
        ByteBuf garbage = Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x12});
        assertThatThrownBy(() -> channel.writeInbound(new TextWebSocketFrame(true, RSV1, garbage)))
                .isInstanceOf(CorruptedFrameException.class);
        assertClosedWith(1007);
    }

    @Test
    void rsv1OnAContinuationOrAControlFrameClosesWith1002() {
        channel = new EmbeddedChannel(new WsInflateDecoder(1 << 16, true));
        assertThatThrownBy(() -> channel.writeInbound(new ContinuationWebSocketFrame(true, RSV1, Unpooled.buffer())))
                .isInstanceOf(CorruptedFrameException.class);
        assertClosedWith(1002);
        channel = new EmbeddedChannel(new WsInflateDecoder(1 << 16, true));
        assertThatThrownBy(() -> channel.writeInbound(new PingWebSocketFrame(true, RSV1, Unpooled.buffer())))
                .isInstanceOf(CorruptedFrameException.class);
        assertClosedWith(1002);
    }

    private void assertClosedWith(int code) {
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(code);
        close.release();
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.<Object>readInbound()).isNull();
    }

    /** Compressed as a client without context takeover would: sync flush, tail removed. */
    private ByteBuf compressed(String text) {
        ByteBuf out = compressedKeepingContext(text);
        client.reset();
        return out;
    }

    private ByteBuf compressedKeepingContext(String text) {
        client.setInput(text.getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[text.length() + 1024];
        int length = client.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        assertThat(Arrays.copyOfRange(buffer, length - 4, length)).containsExactly(0, 0, 0xff, 0xff);
        return Unpooled.wrappedBuffer(Arrays.copyOf(buffer, length - 4));
    }

    private static byte[] bytes(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        return bytes;
    }
}
