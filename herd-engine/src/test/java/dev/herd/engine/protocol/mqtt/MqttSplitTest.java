package dev.herd.engine.protocol.mqtt;

import static dev.herd.engine.protocol.mqtt.MqttFixture.PINGRESP;
import static dev.herd.engine.protocol.mqtt.MqttFixture.ascii;
import static dev.herd.engine.protocol.mqtt.MqttFixture.bytes;
import static dev.herd.engine.protocol.mqtt.MqttFixture.concat;
import static dev.herd.engine.protocol.mqtt.MqttFixture.connack;
import static dev.herd.engine.protocol.mqtt.MqttFixture.protocol;
import static dev.herd.engine.protocol.mqtt.MqttFixture.publish;
import static dev.herd.engine.protocol.mqtt.MqttFixture.receive;
import static dev.herd.engine.protocol.mqtt.MqttFixture.sent;
import static dev.herd.engine.protocol.mqtt.MqttFixture.suback;
import static dev.herd.engine.protocol.mqtt.MqttFixture.subscribed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.RecordingProtocolSession;
import dev.herd.engine.protocol.ServerWire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A broker's packets must give the same deliveries and PUBACKs however WebSocket messages cut them (MQTT over
 * WebSocket allows a packet to span messages): at every byte, at every pair of places, one byte per message, at
 * random; and the WebSocket wire itself cut at every byte, through Netty's frame decoder and aggregator.
 */
class MqttSplitTest {

    /** After the handshake: QoS 0 and 1, long and empty payloads, a ping answer, bytes that are not text. */
    private static byte[] stream(MqttVersion version) {
        return concat(
                publish(version, "one"),
                PINGRESP,
                publish(version, "news", 1, 258, ascii("two at qos 1")),
                publish(version, "x".repeat(200)),
                publish(version, ""),
                publish(version, "news/é", 0, 0, bytes(0, 0xFE, 'b')),
                publish(version, "news", 1, 3, ascii("~h1.1a2b3c4d.0.6.7.8~")),
                PINGRESP);
    }

    private static final List<String> DELIVERIES = List.of("one", "two at qos 1", "x".repeat(200), "", "\\0\uFFFDb",
            "~h1.1a2b3c4d.0.6.7.8~");
    private static final List<String> PUBACKS = List.of("40 02 01 02", "40 02 00 03");

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void cuttingTheStreamIntoTwoMessagesAtEveryByteChangesNothing(MqttVersion version) {
        byte[] stream = stream(version);
        for (int cut = 0; cut <= stream.length; cut++) {
            assertThat(readStream(version, cut)).as("cut at byte %d", cut).isEqualTo(expected());
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aPacketSpanningThreeMessagesFromEveryByteChangesNothing(MqttVersion version) {
        // The middle message is three bytes long: a fixed header can come apart in all three.
        int n = stream(version).length;
        for (int cut = 0; cut + 3 <= n; cut++) {
            assertThat(readStream(version, cut, cut + 3)).as("cuts at %d and %d", cut, cut + 3).isEqualTo(expected());
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void sendingTheStreamOneBytePerMessageChangesNothing(MqttVersion version) {
        int[] cuts = new int[stream(version).length - 1];
        Arrays.setAll(cuts, i -> i + 1);
        assertThat(readStream(version, cuts)).isEqualTo(expected());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void cuttingTheStreamAtRandomPlacesChangesNothing(MqttVersion version) {
        Random random = new Random(51_883);
        int n = stream(version).length;
        for (int trial = 0; trial < 300; trial++) {
            int[] cuts = random.ints(1 + random.nextInt(20), 0, n + 1).sorted().toArray();
            assertThat(readStream(version, cuts)).as("cuts %s", Arrays.toString(cuts)).isEqualTo(expected());
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void cuttingTheWebSocketWireAtEveryByteChangesNothing(MqttVersion version) {
        byte[] stream = stream(version);
        int half = stream.length / 2;
        byte[] wire = new ServerWire()
                .binary(connack(version, 0))
                .binary(suback(version, 1, 0))
                .fragmentedBinary(Arrays.copyOfRange(stream, 0, half), half / 3, 2 * half / 3)
                .binary(Arrays.copyOfRange(stream, half, stream.length))
                .bytes();
        List<String> expected = new ArrayList<>(List.of("subscribed"));
        expected.addAll(expected().subList(0, DELIVERIES.size()));
        for (int cut = 0; cut <= wire.length; cut++) {
            RecordingProtocolSession session = RecordingProtocolSession.subscriber();
            EmbeddedChannel ch = ServerWire.client(protocol("version", version == MqttVersion.V5 ? "5" : "3.1.1")
                    .newStage(session));
            ch.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
            assertThat(sent(ch)[0]).isEqualTo((byte) 0x10);
            List<ByteBuf> pieces = ServerWire.writeCut(ch, wire, cut);
            assertThat(sent(ch)[0]).as("cut at %d", cut).isEqualTo((byte) 0x82);
            List<String> trace = new ArrayList<>(session.trace().stream().map(l -> l.replaceFirst("^deliver ", ""))
                    .toList());
            assertThat(trace).as("cut at %d", cut).isEqualTo(expected);
            assertThat(pubacks(ch)).as("cut at %d", cut).isEqualTo(PUBACKS);
            assertNull(ch.readInbound());
            assertThat(ch.finishAndReleaseAll()).isFalse();
            assertThat(pieces).allSatisfy(piece -> assertThat(piece.refCnt()).isZero());
        }
    }

    private static List<String> expected() {
        List<String> all = new ArrayList<>(DELIVERIES);
        all.addAll(PUBACKS);
        return all;
    }

    /** Sends the stream to a subscribed stage as messages cut at {@code cuts}; its deliveries, then its PUBACKs. */
    private static List<String> readStream(MqttVersion version, int... cuts) {
        byte[] stream = stream(version);
        RecordingProtocolSession session = RecordingProtocolSession.subscriber();
        EmbeddedChannel ch = subscribed(protocol("version", version == MqttVersion.V5 ? "5" : "3.1.1", "qos", "1"),
                session);
        int from = 0;
        for (int k = 0; k <= cuts.length; k++) {
            int to = k < cuts.length ? cuts[k] : stream.length;
            if (to > from) {
                receive(ch, Arrays.copyOfRange(stream, from, to));
            }
            from = to;
        }
        List<String> result = new ArrayList<>(session.trace().stream().map(l -> l.replaceFirst("^deliver ", ""))
                .toList());
        result.addAll(pubacks(ch));
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
        return result;
    }

    private static List<String> pubacks(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        for (byte[] packet = sent(ch); packet != null; packet = sent(ch)) {
            StringBuilder hex = new StringBuilder();
            for (byte b : packet) {
                hex.append(hex.length() == 0 ? "" : " ").append(String.format("%02x", b));
            }
            out.add(hex.toString());
        }
        return out;
    }
}
