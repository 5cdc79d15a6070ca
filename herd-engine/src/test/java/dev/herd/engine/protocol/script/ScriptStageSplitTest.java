package dev.herd.engine.protocol.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.protocol.ProtocolStarted;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A script's stage sees whole messages however the server cuts them: each message split into two WebSocket frames at
 * every byte (a pattern, a capture or a stamp cut in two), and the wire bytes cut at every byte, through Netty's
 * WebSocket decoder and aggregator as in herd's pipeline. The literal and regex matches run over the aggregated
 * (composite) message in place.
 */
class ScriptStageSplitTest {

    private static final String SUBSCRIBED = "{\"type\":\"subscribed\",\"sid\":\"s-42é\"}";
    private static final String PING = "{\"type\":\"ping\",\"n\":1}";
    private static final String ACK = "{\"type\":\"ack\",\"id\":9}";
    private static final String DATA = "{\"type\":\"msg\",\"data\":\"~h1.abcd.3.0.1.2~\"}";
    private static final List<String> MESSAGES = List.of(SUBSCRIBED, PING, ACK, DATA);
    private static final List<String> SENT = List.of("{\"type\":\"subscribe\",\"channel\":\"chat-3\"}",
            "{\"type\":\"ready\",\"sid\":\"s-42é\"}", "{\"type\":\"pong\",\"sid\":\"s-42é\"}");

    private static final Script SCRIPT = Script.builder("split")
            .subscribe(ScriptStep.send("{\"type\":\"subscribe\",\"channel\":\"{{topic}}\"}"),
                    ScriptStep.expect("\"type\":\"subscribed\"").withCapture("sid", "\"sid\":\"([^\"]+)\""),
                    ScriptStep.send("{\"type\":\"ready\",\"sid\":\"{{sid}}\"}"))
            .on("re:\"type\" ?: ?\"p[i]ng\"", "{\"type\":\"pong\",\"sid\":\"{{sid}}\"}")
            .ignore("\"type\":\"ack\"")
            .build();

    @Test
    void eachMessageSplitIntoTwoFramesAtEveryByte() {
        for (int m = 0; m < MESSAGES.size(); m++) {
            int length = MESSAGES.get(m).getBytes(StandardCharsets.UTF_8).length;
            for (int k = 1; k < length; k++) {
                byte[] wire = wire(m, k);
                assertConversation(List.of(wire), "message " + m + " split at " + k);
            }
        }
    }

    @Test
    void theWireBytesCutInTwoAtEveryByte() {
        byte[] wire = wire(-1, 0);
        for (int j = 1; j < wire.length; j++) {
            assertConversation(List.of(slice(wire, 0, j), slice(wire, j, wire.length)), "wire cut at " + j);
        }
    }

    @Test
    void theWireBytesOneAtATimeWithEveryMessageFragmented() {
        byte[] wire = wire(-2, 5);
        List<byte[]> bytes = new ArrayList<>();
        for (int j = 0; j < wire.length; j++) {
            bytes.add(slice(wire, j, j + 1));
        }
        assertConversation(bytes, "one byte at a time");
    }

    private static void assertConversation(List<byte[]> reads, String as) {
        RecordingScriptSession session = RecordingScriptSession.subscriber();
        EmbeddedChannel channel = new EmbeddedChannel(
                new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false)
                        .allowMaskMismatch(false).maxFramePayloadLength(65536).build()),
                new WebSocketFrameAggregator(65536),
                ScriptProtocol.of(SCRIPT).newStage(session));
        channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
        List<ByteBuf> given = new ArrayList<>();
        for (byte[] read : reads) {
            ByteBuf buf = Unpooled.wrappedBuffer(read);
            given.add(buf);
            channel.writeInbound(buf);
        }
        List<String> sent = new ArrayList<>();
        for (WebSocketFrame f = channel.readOutbound(); f != null; f = channel.readOutbound()) {
            sent.add(f.content().toString(StandardCharsets.UTF_8));
            f.release();
        }
        assertThat(sent).as(as).isEqualTo(SENT);
        assertThat(session.subscribed).as(as).isEqualTo(1);
        assertThat(session.delivered).as(as).containsExactly(DATA);
        assertThat(session.violations).as(as).isEmpty();
        assertThat((Object) channel.readInbound()).as(as).isNull();
        assertThat(channel.finishAndReleaseAll()).as(as).isFalse();
        given.forEach(buf -> assertThat(buf.refCnt()).as(as).isZero());
    }

    /**
     * The server's wire bytes for the four messages: message {@code split} in two frames at byte {@code at} (-1: none
     * split; -2: every message split there), the others one frame each.
     */
    private static byte[] wire(int split, int at) {
        EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        for (int m = 0; m < MESSAGES.size(); m++) {
            byte[] bytes = MESSAGES.get(m).getBytes(StandardCharsets.UTF_8);
            if (m == split || split == -2) {
                encoder.writeOutbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(bytes, 0, at)),
                        new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(bytes, at, bytes.length - at)));
            } else {
                encoder.writeOutbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b = encoder.readOutbound(); b != null; b = encoder.readOutbound()) {
            byte[] chunk = new byte[b.readableBytes()];
            b.readBytes(chunk);
            b.release();
            out.writeBytes(chunk);
        }
        encoder.finishAndReleaseAll();
        return out.toByteArray();
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(bytes, from, out, 0, out.length);
        return out;
    }
}
