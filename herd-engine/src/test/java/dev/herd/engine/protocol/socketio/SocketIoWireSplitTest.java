package dev.herd.engine.protocol.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.RecordingProtocolSession;
import dev.herd.engine.protocol.ServerWire;
import dev.herd.engine.protocol.WireProtocols;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A whole Socket.IO conversation as a server's bytes on the wire, read through Netty's frame decoder and aggregator
 * into the stage, must give the same replies and deliveries however TCP cuts it: in two at every byte position, and
 * one byte at a time.
 */
class SocketIoWireSplitTest {

    private static final String STAMP = "~h1.1a2b3c4d.0.5.17f0000000000001.17f0000000000abc~";

    /** Open, connect reply, ack, events (one in two frames cutting a UTF-8 character, one of 126+ bytes), pings, … */
    private static final byte[] WIRE = new ServerWire()
            .text(SocketIoStageTest.OPEN)
            .text("40/chat,{\"sid\":\"n1\"}")
            .text("43/chat,0[]")
            .text("42/chat,[\"message\",\"" + STAMP + "\"]")
            .text("2")
            .fragmentedText("42/chat,[\"message\",{\"text\":\"héllo €\",\"stamp\":\"" + STAMP + "\"}]", 33)
            .text("42/chat,[\"message\",\"a\"]\u001e2\u001e42/chat,7[\"message\",\"b\"]")
            .text("451-/chat,[\"file\",{\"_placeholder\":true,\"num\":0}]")
            .binary(new byte[]{4, 1, 2, 3})
            .text("42[\"message\",\"the main namespace\"]")
            .text("42/chat,[\"message\",\"" + "x".repeat(120) + "\"]")
            .bytes();

    private static final List<String> EVENTS = List.of(
            "subscribed",
            "deliver /chat,[\"message\",\"" + STAMP + "\"]",
            "deliver /chat,[\"message\",{\"text\":\"héllo €\",\"stamp\":\"" + STAMP + "\"}]",
            "deliver /chat,[\"message\",\"a\"]",
            "deliver /chat,7[\"message\",\"b\"]",
            "deliver /chat,[\"message\",\"" + "x".repeat(120) + "\"]");

    private static final List<String> WRITTEN = List.of("40/chat,", "42/chat,0[\"subscribe\",\"news\"]", "3", "3");

    @Test
    void theWholeConversationInOneReadGivesTheExpectedRepliesAndDeliveries() {
        assertConversation(new int[0]);
    }

    @Test
    void splittingInTwoAtEveryBytePositionChangesNothing() {
        // Paranoid leak tracking records every buffer access, which hundreds of conversations turn into seconds of a
        // shared CPU; the refCnt checks still catch a chunk left unreleased, and the other tests run fully tracked.
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        try {
            for (int cut = 0; cut <= WIRE.length; cut++) {
                assertConversation(new int[]{cut});
            }
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    @Test
    void feedingOneByteAtATimeChangesNothing() {
        assertConversation(ServerWire.everyByte(WIRE));
    }

    private static void assertConversation(int[] cuts) {
        RecordingProtocolSession session = RecordingProtocolSession.subscriber();
        EmbeddedChannel channel = ServerWire.client(
                WireProtocols.builtIn("socketio", Map.of("namespace", "/chat")).newStage(session));
        channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
        List<ByteBuf> chunks = ServerWire.writeCut(channel, WIRE, cuts);
        String at = cuts.length == 1 ? "cut at byte " + cuts[0] : cuts.length + " cuts";
        assertThat(session.trace()).as(at).containsExactlyElementsOf(EVENTS);
        assertThat(ServerWire.written(channel)).as(at).containsExactlyElementsOf(WRITTEN);
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.refCnt()).isZero());
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
