package dev.herd.engine.protocol.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.RecordingProtocolSession;
import dev.herd.engine.protocol.ServerWire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
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
    private static final List<String> SENT = List.of("{\"type\":\"subscribe\",\"channel\":\"news\"}",
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
                assertConversation(wire(m, k), new int[0], "message " + m + " split at " + k);
            }
        }
    }

    @Test
    void theWireBytesCutInTwoAtEveryByte() {
        byte[] wire = wire(-1, 0);
        for (int j = 1; j < wire.length; j++) {
            assertConversation(wire, new int[] {j}, "wire cut at " + j);
        }
    }

    @Test
    void theWireBytesOneAtATimeWithEveryMessageFragmented() {
        byte[] wire = wire(-2, 5);
        assertConversation(wire, ServerWire.everyByte(wire), "one byte at a time");
    }

    private static void assertConversation(byte[] wire, int[] cuts, String as) {
        RecordingProtocolSession session = RecordingProtocolSession.subscriber();
        EmbeddedChannel channel = ServerWire.client(ScriptProtocol.of(SCRIPT).newStage(session));
        channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
        List<ByteBuf> given = ServerWire.writeCut(channel, wire, cuts);
        assertThat(ServerWire.written(channel)).as(as).isEqualTo(SENT);
        assertThat(session.subscriptions()).as(as).isEqualTo(1);
        assertThat(session.delivered()).as(as).containsExactly(DATA);
        assertThat(session.violations()).as(as).isEmpty();
        assertThat((Object) channel.readInbound()).as(as).isNull();
        assertThat(channel.finishAndReleaseAll()).as(as).isFalse();
        given.forEach(buf -> assertThat(buf.refCnt()).as(as).isZero());
    }

    /**
     * The server's wire bytes for the four messages: message {@code split} in two frames at byte {@code at} (-1: none
     * split; -2: every message split there), the others one frame each.
     */
    private static byte[] wire(int split, int at) {
        ServerWire wire = new ServerWire();
        for (int m = 0; m < MESSAGES.size(); m++) {
            if (m == split || split == -2) {
                wire.fragmentedText(MESSAGES.get(m), at);
            } else {
                wire.text(MESSAGES.get(m));
            }
        }
        return wire.bytes();
    }
}
