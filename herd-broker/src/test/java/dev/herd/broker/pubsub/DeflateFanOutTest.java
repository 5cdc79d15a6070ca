package dev.herd.broker.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.connection.CloseCause;
import dev.herd.broker.connection.ConnectionKind;
import dev.herd.broker.sse.ReplaySlice;
import dev.herd.broker.ws.WsDeflatePreEncoder;
import dev.herd.broker.ws.WsFramePreEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fan-out to a topic whose WebSocket subscribers are mixed: the plain frame and the compressed frame are each
 * encoded once, every subscriber gets a retained duplicate of the one for its kind, and each buffer is released
 * exactly once per subscriber that got it plus once by its owner.
 */
class DeflateFanOutTest {

    private static final String MESSAGE = "~h1.1.0.1.2.3~ the same message for everyone, the same message";

    private final BrokerCounters counters = new BrokerCounters();
    private final FanOutWriter writer = new FanOutWriter(SlowSubscriberPolicy.BUFFER, 1 << 20, false, counters);
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final WsDeflatePreEncoder deflater = new WsDeflatePreEncoder();

    @AfterEach
    void release() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        deflater.close();
    }

    @Test
    void plainAndCompressedSubscribersEachGetTheOneFrameOfTheirKind() {
        TopicShard shard = new TopicShard();
        List<WsTestSubscriber> plain = List.of(subscriber(false), subscriber(false));
        List<WsTestSubscriber> compressed = List.of(subscriber(true), subscriber(true), subscriber(true));
        plain.forEach(shard::add);
        compressed.forEach(shard::add);

        ByteBuf payload = Unpooled.copiedBuffer(MESSAGE, StandardCharsets.UTF_8);
        ByteBuf plainFrame = WsFramePreEncoder.encode(PooledByteBufAllocator.DEFAULT, false, payload);
        ByteBuf deflateFrame = deflater.encode(PooledByteBufAllocator.DEFAULT, false, payload);
        ByteBuf sseChunk = Unpooled.EMPTY_BUFFER;
        payload.release();
        EncodedMessage message = new EncodedMessage(1, plainFrame, deflateFrame, sseChunk, null);

        message.retain(); // the loop's reference, as the topic's owner hands it over
        shard.deliver(message, writer);
        assertThat(plainFrame.refCnt()).isEqualTo(1 + plain.size());
        assertThat(deflateFrame.refCnt()).isEqualTo(1 + compressed.size());
        message.release(); // the owner's
        assertThat(plainFrame.refCnt()).isEqualTo(plain.size());
        assertThat(deflateFrame.refCnt()).isEqualTo(compressed.size());

        for (WsTestSubscriber s : plain) {
            ByteBuf written = s.channel.readOutbound();
            assertThat(written.getByte(written.readerIndex()) & 0x40).as("RSV1").isZero();
            assertThat(readAsClient(written, false)).isEqualTo(MESSAGE);
            assertThat(s.channel.<Object>readOutbound()).isNull();
        }
        for (WsTestSubscriber s : compressed) {
            ByteBuf written = s.channel.readOutbound();
            assertThat(ByteBufUtil.equals(written, deflateFrame)).as("the very bytes compressed once").isTrue();
            assertThat(readAsClient(written, true)).isEqualTo(MESSAGE);
            assertThat(s.channel.<Object>readOutbound()).isNull();
        }
        assertThat(plainFrame.refCnt()).isZero();
        assertThat(deflateFrame.refCnt()).isZero();
        assertThat(counters.deliveries()).isEqualTo(5);
        assertThat(counters.deliveriesCompressed()).isEqualTo(3);
    }

    @Test
    void aTopicWithOnlyCompressedSubscribersNeedsNoPlainFrame() {
        TopicShard shard = new TopicShard();
        WsTestSubscriber only = subscriber(true);
        shard.add(only);
        ByteBuf payload = Unpooled.copiedBuffer(MESSAGE, StandardCharsets.UTF_8);
        ByteBuf deflateFrame = deflater.encode(PooledByteBufAllocator.DEFAULT, false, payload);
        payload.release();
        EncodedMessage message = new EncodedMessage(1, null, deflateFrame, Unpooled.EMPTY_BUFFER, null);

        shard.deliver(message, writer); // takes the only reference
        assertThat(readAsClient(only.channel.readOutbound(), true)).isEqualTo(MESSAGE);
        assertThat(deflateFrame.refCnt()).isZero();
        assertThat(counters.deliveriesCompressed()).isEqualTo(1);
    }

    private WsTestSubscriber subscriber(boolean deflate) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        return new WsTestSubscriber(channel, deflate);
    }

    /** Decodes a written frame as a client would (with Netty's permessage-deflate decoder when compressed); releases it. */
    private static String readAsClient(ByteBuf written, boolean compressed) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).allowExtensions(compressed).build()));
        if (compressed) {
            Map<String, String> answer = new HashMap<>();
            answer.put("server_no_context_takeover", null);
            client.pipeline().addLast(new PerMessageDeflateClientExtensionHandshaker(0)
                    .handshakeExtension(new WebSocketExtensionData("permessage-deflate", answer))
                    .newExtensionDecoder());
        }
        client.writeInbound(written);
        Object decoded = client.readInbound();
        assertThat(decoded).isInstanceOf(TextWebSocketFrame.class);
        String text = ((TextWebSocketFrame) decoded).text();
        ((TextWebSocketFrame) decoded).release();
        client.finishAndReleaseAll();
        return text;
    }

    private static final class WsTestSubscriber extends Subscriber {
        final EmbeddedChannel channel;

        WsTestSubscriber(EmbeddedChannel channel, boolean deflate) {
            super(channel, ConnectionKind.WS, "t", deflate);
            this.channel = channel;
        }

        @Override
        protected boolean activate(ReplaySlice replay) {
            replay.release();
            return true;
        }

        @Override
        protected Object farewell(CloseCause cause) {
            return Unpooled.EMPTY_BUFFER;
        }
    }
}
