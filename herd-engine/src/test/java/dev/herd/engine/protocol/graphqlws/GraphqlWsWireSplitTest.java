package dev.herd.engine.protocol.graphqlws;

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
 * A whole graphql-ws conversation as a server's bytes on the wire, read through Netty's frame decoder and aggregator
 * into the stage, must give the same replies and deliveries however TCP cuts it: in two at every byte position, and
 * one byte at a time.
 */
class GraphqlWsWireSplitTest {

    private static final String STAMP = "~h1.1a2b3c4d.0.5.17f0000000000001.17f0000000000abc~";
    private static final String NEXT = "{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{\"messages\":\""
            + STAMP + "\"}}}";
    private static final String NEXT_UTF8 = "{\"type\":\"next\",\"id\":\"1\",\"payload\":{\"data\":{\"messages\":"
            + "\"héllo € " + STAMP + "\"}}}";
    private static final String NEXT_LARGE = "{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{\"messages\":\""
            + STAMP + "x".repeat(120) + "\"}}}";

    private static final byte[] WIRE = new ServerWire()
            .text("{\"type\":\"connection_ack\"}")
            .text(NEXT)
            .text("{\"type\":\"ping\"}")
            .fragmentedText(NEXT_UTF8, 60)
            .text("{\"id\":\"2\",\"type\":\"next\",\"payload\":{\"data\":{\"messages\":\"another\"}}}")
            .text("{\"type\":\"pong\"}")
            .text(NEXT_LARGE)
            .bytes();

    private static final List<String> EVENTS = List.of("subscribed", "deliver " + NEXT, "deliver " + NEXT_UTF8,
            "deliver " + NEXT_LARGE);

    private static final List<String> WRITTEN = List.of("{\"type\":\"connection_init\"}", GraphqlWsStageTest.SUBSCRIBE,
            "{\"type\":\"pong\"}");

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
        EmbeddedChannel channel = ServerWire.client(WireProtocols.builtIn("graphql-ws",
                Map.of("query", GraphqlWsStageTest.QUERY)).newStage(session));
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
