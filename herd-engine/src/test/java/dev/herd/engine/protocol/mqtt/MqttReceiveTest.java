package dev.herd.engine.protocol.mqtt;

import static dev.herd.engine.protocol.mqtt.MqttFixture.PINGRESP;
import static dev.herd.engine.protocol.mqtt.MqttFixture.ascii;
import static dev.herd.engine.protocol.mqtt.MqttFixture.bytes;
import static dev.herd.engine.protocol.mqtt.MqttFixture.concat;
import static dev.herd.engine.protocol.mqtt.MqttFixture.packet;
import static dev.herd.engine.protocol.mqtt.MqttFixture.protocol;
import static dev.herd.engine.protocol.mqtt.MqttFixture.publish;
import static dev.herd.engine.protocol.mqtt.MqttFixture.receive;
import static dev.herd.engine.protocol.mqtt.MqttFixture.sent;
import static dev.herd.engine.protocol.mqtt.MqttFixture.string;
import static dev.herd.engine.protocol.mqtt.MqttFixture.subscribed;
import static dev.herd.engine.protocol.mqtt.MqttVersion.V3_1_1;
import static dev.herd.engine.protocol.mqtt.MqttVersion.V5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herd.engine.protocol.RecordingProtocolSession;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a subscribed MQTT connection does with what the broker sends: PUBLISH payloads, QoS 1, broken packets. */
class MqttReceiveTest {

    private final RecordingProtocolSession session = RecordingProtocolSession.subscriber();
    private EmbeddedChannel ch;

    @AfterEach
    void noneLeftOver() {
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void aQos0PublishPayloadIsDeliveredAndNothingIsSentBack() {
        ch = subscribed(protocol(), session);
        receive(ch, publish(V3_1_1, "~h1.1a2b3c4d.0.1.2.3~ hi"));
        assertThat(session.trace()).containsExactly("deliver ~h1.1a2b3c4d.0.1.2.3~ hi");
        assertNull(ch.readOutbound());
    }

    @Test
    void severalPacketsInOneWebSocketMessageAreEachRead() {
        ch = subscribed(protocol(), session);
        receive(ch, publish(V3_1_1, "one"), PINGRESP, publish(V3_1_1, "two"), publish(V3_1_1, ""),
                publish(V3_1_1, "x".repeat(300)));
        assertThat(session.delivered()).containsExactly("one", "two", "", "x".repeat(300));
    }

    @Test
    void aPayloadIsDeliveredAsTheBytesThatCame() {
        ch = subscribed(protocol(), session);
        receive(ch, publish(V3_1_1, "sensors/🌡", 0, 0, bytes(0, 0xFF, 'a', 0x7F)));
        assertThat(session.delivered()).containsExactly("\\0\uFFFDa\\x7f");
    }

    @Test
    void anMqtt5PublishIsReadPastItsProperties() {
        ch = subscribed(protocol("version", "5"), session);
        byte[] body = concat(string("news"), bytes(9, 0x01, 1, 0x03, 0, 4, 't', 'e', 'x', 't'), ascii("payload"));
        receive(ch, packet(0x30, body), publish(V5, "plain"));
        assertThat(session.delivered()).containsExactly("payload", "plain");
    }

    @Test
    void eachQos1PublishIsAnsweredWithAPubackOfItsPacketId() {
        ch = subscribed(protocol("qos", "1"), session);
        receive(ch, publish(V3_1_1, "news", 1, 0x1234, ascii("a")), publish(V3_1_1, "news", 1, 7, ascii("b")),
                publish(V3_1_1, "news", 0, 0, ascii("c")));
        assertThat(session.delivered()).containsExactly("a", "b", "c");
        assertThat(sent(ch)).isEqualTo(bytes(0x40, 2, 0x12, 0x34));
        assertThat(sent(ch)).isEqualTo(bytes(0x40, 2, 0, 7));
        assertNull(ch.readOutbound());
    }

    @Test
    void anMqtt5Qos1PublishIsAnsweredWithTheSamePuback() {
        ch = subscribed(protocol("version", "5", "qos", "1"), session);
        receive(ch, publish(V5, "news", 1, 300, ascii("a")));
        assertThat(sent(ch)).isEqualTo(bytes(0x40, 2, 1, 44));
    }

    @Test
    void retainAndDupFlagsDoNotMatter() {
        ch = subscribed(protocol(), session);
        byte[] retained = publish(V3_1_1, "kept");
        retained[0] |= 0x01;
        byte[] duplicate = publish(V3_1_1, "news", 1, 5, ascii("again"));
        duplicate[0] |= 0x08;
        receive(ch, retained, duplicate);
        assertThat(session.delivered()).containsExactly("kept", "again");
        assertThat(sent(ch)).isEqualTo(bytes(0x40, 2, 0, 5));
    }

    @Test
    void packetsHerdDidNotAskForAreIgnored() {
        ch = subscribed(protocol(), session);
        receive(ch, packet(0x62, 0, 1), packet(0xB0, 0, 2), packet(0x40, 0, 3), packet(0x90, 0, 1, 0),
                packet(0x20, 0, 0), publish(V3_1_1, "after"));
        assertThat(session.trace()).containsExactly("deliver after");
    }

    @Test
    void aDisconnectOnAnOpenConnectionIsAProtocolErrorAndEndsReading() {
        ch = subscribed(protocol(), session);
        receive(ch, publish(V3_1_1, "before"), packet(0xE0), publish(V3_1_1, "after"));
        receive(ch, publish(V3_1_1, "later"));
        assertThat(session.trace()).containsExactly("deliver before",
                "violated protocol_error: MQTT DISCONNECT from the server");
    }

    @Test
    void anMqtt5DisconnectNamesItsReason() {
        ch = subscribed(protocol("version", "5"), session);
        receive(ch, packet(0xE0, 0x8E, 0));
        assertThat(session.trace()).containsExactly(
                "violated protocol_error: MQTT DISCONNECT from the server: 0x8E session taken over");
    }

    @Test
    void aRemainingLengthOfFiveBytesIsMalformed() {
        ch = subscribed(protocol(), session);
        receive(ch, publish(V3_1_1, "ok"), bytes(0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0, 0));
        assertThat(session.trace()).containsExactly("deliver ok", "violated protocol_malformed: an MQTT packet's "
                + "remaining length does not end within four bytes");
    }

    @Test
    void aRemainingLengthBrokenAcrossMessagesIsMalformedToo() {
        ch = subscribed(protocol(), session);
        receive(ch, bytes(0x30, 0xFF, 0xFF));
        receive(ch, bytes(0xFF, 0xFF, 0x01));
        assertThat(session.trace()).containsExactly("violated protocol_malformed: an MQTT packet's "
                + "remaining length does not end within four bytes");
    }

    @Test
    void aPublishShorterThanItsTopicIsMalformed() {
        ch = subscribed(protocol(), session);
        receive(ch, packet(0x30, 0, 9, 'a'));
        assertThat(session.trace()).containsExactly(
                "violated protocol_malformed: an MQTT PUBLISH is shorter than its topic and properties");
    }

    @Test
    void aQos1PublishWithoutPacketIdIsMalformed() {
        ch = subscribed(protocol(), session);
        receive(ch, packet(0x32, 0, 1, 'a', 0));
        assertThat(session.trace()).containsExactly(
                "violated protocol_malformed: an MQTT PUBLISH is too short for its packet id");
    }

    @Test
    void aPublishOfQos3IsMalformed() {
        ch = subscribed(protocol(), session);
        receive(ch, packet(0x36, 0, 1, 'a', 0, 1));
        assertThat(session.trace()).containsExactly(
                "violated protocol_malformed: an MQTT PUBLISH is too short for its topic, or has QoS 3");
    }

    @Test
    void aPacketSplitAcrossWebSocketMessagesIsDeliveredWhenComplete() {
        ch = subscribed(protocol("qos", "1"), session);
        byte[] big = publish(V3_1_1, "news", 1, 9, ascii("y".repeat(1000)));
        byte[] first = java.util.Arrays.copyOfRange(big, 0, 2);
        byte[] rest = java.util.Arrays.copyOfRange(big, 2, big.length);
        receive(ch, publish(V3_1_1, "one"), first);
        assertThat(session.delivered()).containsExactly("one");
        receive(ch, java.util.Arrays.copyOfRange(rest, 0, 500));
        assertThat(session.delivered()).containsExactly("one");
        receive(ch, java.util.Arrays.copyOfRange(rest, 500, rest.length), publish(V3_1_1, "three"));
        assertThat(session.delivered()).containsExactly("one", "y".repeat(1000), "three");
        assertThat(sent(ch)).isEqualTo(bytes(0x40, 2, 0, 9));
    }

    @Test
    void aSplitPacketLargerThanTheRunsMessageLimitIsTooLargeAtOnce() {
        RecordingProtocolSession limited = RecordingProtocolSession.subscriber().limits(100, ReceiveBudget.DEFAULT_MAX_BYTES);
        ch = subscribed(protocol(), limited);
        receive(ch, bytes(0x30, 0xC8, 0x01, 0, 4, 'n', 'e', 'w', 's'));
        assertThat(limited.trace()).containsExactly("violated message_too_large: an MQTT packet of 203 bytes "
                + "split across WebSocket messages is larger than 100 bytes (--max-message-bytes)");
        receive(ch, publish(V3_1_1, "ignored"));
        assertThat(limited.trace()).hasSize(1);
    }

    @Test
    void aWholePacketLargerThanTheLimitIsReadInPlace() {
        RecordingProtocolSession limited = RecordingProtocolSession.subscriber().limits(100, ReceiveBudget.DEFAULT_MAX_BYTES);
        ch = subscribed(protocol(), limited);
        receive(ch, publish(V3_1_1, "z".repeat(300)));
        assertThat(limited.delivered()).containsExactly("z".repeat(300));
    }

    @Test
    void aSplitPacketTheReceiveBudgetCannotHoldFailsTheConnectionAndGivesItsShareBack() {
        RecordingProtocolSession tight = RecordingProtocolSession.subscriber().limits(1 << 20, 10_000);
        ch = subscribed(protocol(), tight);
        byte[] big = publish(V3_1_1, "z".repeat(80_000));
        receive(ch, java.util.Arrays.copyOfRange(big, 0, 70_000));
        assertThat(tight.budget().drawnBytes()).isEqualTo(70_000 - ReceiveBudget.FREE_BYTES_PER_BUFFER);
        receive(ch, java.util.Arrays.copyOfRange(big, 70_000, big.length));
        assertThat(tight.trace()).containsExactly("violated local_receive_budget: the run's receive budget cannot "
                + "hold an MQTT packet of " + big.length + " bytes split across WebSocket messages (--receive-budget)");
        assertThat(tight.budget().refusals()).isEqualTo(1);
        assertThat(tight.budget().drawnBytes()).isZero();
    }

    @Test
    void theShareOfASplitPacketIsGivenBackWhenThePacketCompletesAndWhenTheConnectionEnds() {
        ch = subscribed(protocol(), session);
        byte[] big = publish(V3_1_1, "z".repeat(80_000));
        receive(ch, java.util.Arrays.copyOfRange(big, 0, 70_000));
        assertThat(session.budget().drawnBytes()).isPositive();
        receive(ch, java.util.Arrays.copyOfRange(big, 70_000, big.length));
        assertThat(session.delivered()).containsExactly("z".repeat(80_000));
        assertThat(session.budget().drawnBytes()).isZero();
        receive(ch, java.util.Arrays.copyOfRange(big, 0, 70_000));
        assertThat(session.budget().drawnBytes()).isPositive();
        ch.close();
        assertThat(session.budget().drawnBytes()).isZero();
    }

    @Test
    void theBufferOfASplitPacketIsLetGoWhenTheConnectionEnds() {
        ch = subscribed(protocol(), session);
        receive(ch, bytes(0x30, 20, 0, 4, 'n'));
        ch.close();
        assertThat(session.trace()).isEmpty();
        // Netty's paranoid leak detector (on in every test run) reports the held buffer if it was not released.
    }
}
