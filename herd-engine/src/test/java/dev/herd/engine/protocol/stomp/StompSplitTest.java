package dev.herd.engine.protocol.stomp;

import static dev.herd.engine.protocol.stomp.StompFixture.CONNECT_DEFAULT;
import static dev.herd.engine.protocol.stomp.StompFixture.RECEIPT;
import static dev.herd.engine.protocol.stomp.StompFixture.SUBSCRIBE_DEFAULT;
import static dev.herd.engine.protocol.stomp.StompFixture.connected;
import static dev.herd.engine.protocol.stomp.StompFixture.measuredMessage;
import static dev.herd.engine.protocol.stomp.StompFixture.message;
import static dev.herd.engine.protocol.stomp.StompFixture.protocol;
import static dev.herd.engine.protocol.stomp.StompFixture.receive;
import static dev.herd.engine.protocol.stomp.StompFixture.sent;
import static dev.herd.engine.protocol.stomp.StompFixture.subscribed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.RecordingProtocolSession;
import dev.herd.engine.protocol.ServerWire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A broker's bytes must give the same deliveries however they are cut: the WebSocket wire cut at every byte (through
 * Netty's frame decoder and aggregator), and the STOMP stream cut across WebSocket messages at every byte, as some
 * brokers split frames.
 */
class StompSplitTest {

    private static final String HEART_BEAT = "\n";

    /** After the handshake: batches, heart-beats, NULs in a measured body, CRLFs, non-ASCII. */
    private static final String STOMP_STREAM = message("one") + "\n" + message("two") + HEART_BEAT + HEART_BEAT
            + measuredMessage("nul\0inside\0") + "\r\n" + message("héllo €")
            + "MESSAGE\r\nmessage-id:5\r\ncontent-length:4\r\n\r\nfive\0"
            + "RECEIPT\nreceipt-id:elsewhere\n\n\0" + message("~h1.1a2b3c4d.0.6.7.8~") + "\n\n";
    private static final List<String> STREAM_DELIVERIES = List.of("one", "two", "nul\\0inside\\0", "héllo €", "five",
            "~h1.1a2b3c4d.0.6.7.8~");

    /** The whole conversation on the wire: handshake replies, then messages framed every way a server may. */
    private static final String IN_THREE_FRAMES = measuredMessage("c\0c") + "\n" + message("d");
    private static final byte[] WIRE = new ServerWire()
            .text(connected("1.2", "0,0"))
            .text(RECEIPT)
            .text(message("a") + "\n" + message("b") + "\n")
            .text(HEART_BEAT)
            .fragmentedText(IN_THREE_FRAMES, IN_THREE_FRAMES.length() / 3, 2 * IN_THREE_FRAMES.length() / 3)
            .text("MESSAGE\nmessage-id:e\n\nsplit acr")
            .text("oss two WebSocket messages\0\n")
            .binary(message("f").getBytes(StandardCharsets.UTF_8))
            .text(HEART_BEAT)
            .bytes();
    private static final List<String> WIRE_TRACE = List.of("subscribed", "deliver a", "deliver b", "deliver c\\0c",
            "deliver d", "deliver split across two WebSocket messages", "deliver f");

    @Test
    void theWholeWireGivesTheExpectedTrace() {
        assertThat(readWire()).containsExactlyElementsOf(WIRE_TRACE);
    }

    @Test
    void cuttingTheWireInTwoAtEveryByteChangesNothing() {
        for (int cut = 0; cut <= WIRE.length; cut++) {
            assertThat(readWire(cut)).as("cut at byte %d", cut).containsExactlyElementsOf(WIRE_TRACE);
        }
    }

    @Test
    void feedingTheWireOneByteAtATimeChangesNothing() {
        assertThat(readWire(ServerWire.everyByte(WIRE))).containsExactlyElementsOf(WIRE_TRACE);
    }

    @Test
    void cuttingTheStompStreamIntoTwoWebSocketMessagesAtEveryByteChangesNothing() {
        for (int cut = 0; cut <= STOMP_STREAM.length(); cut++) {
            assertThat(readStream(cut)).as("cut at char %d", cut).containsExactlyElementsOf(STREAM_DELIVERIES);
        }
    }

    @Test
    void aFrameSpanningThreeWebSocketMessagesFromEveryByteChangesNothing() {
        // The middle message is three characters long: a frame's start, a sliver, and its end come apart.
        for (int cut = 0; cut + 3 <= STOMP_STREAM.length(); cut++) {
            assertThat(readStream(cut, cut + 3)).as("cuts at %d and %d", cut, cut + 3)
                    .containsExactlyElementsOf(STREAM_DELIVERIES);
        }
    }

    @Test
    void sendingTheStompStreamOneCharacterPerWebSocketMessageChangesNothing() {
        int[] cuts = new int[STOMP_STREAM.length() - 1];
        Arrays.setAll(cuts, i -> i + 1);
        assertThat(readStream(cuts)).containsExactlyElementsOf(STREAM_DELIVERIES);
    }

    @Test
    void cuttingTheStompStreamAtRandomPlacesChangesNothing() {
        Random random = new Random(20_260_612);
        for (int trial = 0; trial < 300; trial++) {
            int[] cuts = random.ints(1 + random.nextInt(20), 0, STOMP_STREAM.length() + 1).sorted().toArray();
            assertThat(readStream(cuts)).as("cuts %s", Arrays.toString(cuts))
                    .containsExactlyElementsOf(STREAM_DELIVERIES);
        }
    }

    /** Reads {@link #WIRE} cut at {@code cuts} through decoder, aggregator and stage; checks what the stage sent. */
    private static List<String> readWire(int... cuts) {
        RecordingProtocolSession session = RecordingProtocolSession.subscriber();
        EmbeddedChannel ch = ServerWire.client(protocol().newStage(session));
        ch.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
        assertThat(sent(ch)).isEqualTo(CONNECT_DEFAULT);
        List<ByteBuf> pieces = ServerWire.writeCut(ch, WIRE, cuts);
        assertThat(sent(ch)).isEqualTo(SUBSCRIBE_DEFAULT);
        assertNull(ch.readOutbound());
        assertNull(ch.readInbound());
        assertThat(ch.finishAndReleaseAll()).isFalse();
        assertThat(pieces).allSatisfy(piece -> assertThat(piece.refCnt()).isZero());
        return session.trace();
    }

    /** Sends {@link #STOMP_STREAM} to a subscribed stage as WebSocket messages cut at the given char offsets. */
    private static List<String> readStream(int... cuts) {
        RecordingProtocolSession session = RecordingProtocolSession.subscriber();
        EmbeddedChannel ch = subscribed(protocol(), session, "1.2", "0,0");
        int from = 0;
        for (int k = 0; k <= cuts.length; k++) {
            int to = k < cuts.length ? cuts[k] : STOMP_STREAM.length();
            if (to > from) {
                receive(ch, STOMP_STREAM.substring(from, to));
            }
            from = to;
        }
        assertNull(ch.readOutbound());
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
        return session.delivered();
    }
}
