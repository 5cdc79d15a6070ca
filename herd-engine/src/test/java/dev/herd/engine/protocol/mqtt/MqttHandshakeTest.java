package dev.herd.engine.protocol.mqtt;

import static dev.herd.engine.protocol.mqtt.MqttFixture.ascii;
import static dev.herd.engine.protocol.mqtt.MqttFixture.bytes;
import static dev.herd.engine.protocol.mqtt.MqttFixture.concat;
import static dev.herd.engine.protocol.mqtt.MqttFixture.connack;
import static dev.herd.engine.protocol.mqtt.MqttFixture.connackV5;
import static dev.herd.engine.protocol.mqtt.MqttFixture.packet;
import static dev.herd.engine.protocol.mqtt.MqttFixture.protocol;
import static dev.herd.engine.protocol.mqtt.MqttFixture.receive;
import static dev.herd.engine.protocol.mqtt.MqttFixture.sent;
import static dev.herd.engine.protocol.mqtt.MqttFixture.start;
import static dev.herd.engine.protocol.mqtt.MqttFixture.suback;
import static dev.herd.engine.protocol.mqtt.MqttVersion.V3_1_1;
import static dev.herd.engine.protocol.mqtt.MqttVersion.V5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herd.engine.protocol.RecordingProtocolSession;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** The MQTT handshake in order, byte for byte: CONNECT, CONNACK, SUBSCRIBE, SUBACK; and each way a broker refuses. */
class MqttHandshakeTest {

    /** The default client id for client 7 of run 1a2b3c4d. */
    private static final byte[] CLIENT_ID = ascii("herd-1a2b3c4d-7");

    private final RecordingProtocolSession session = RecordingProtocolSession.subscriber();

    @Test
    void theUpgradeOffersTheMqttSubprotocol() {
        assertThat(protocol().subprotocols()).containsExactly("mqtt");
    }

    @Test
    void connectIsSentFirstWithACleanSessionThirtySecondKeepAliveAndTheClientId() {
        EmbeddedChannel ch = start(protocol(), session);
        assertThat(sent(ch)).isEqualTo(concat(
                bytes(0x10, 27, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 30, 0, 15), CLIENT_ID));
        assertNull(ch.readOutbound());
        assertThat(session.trace()).isEmpty();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void anMqtt5ConnectCarriesEmptyPropertiesUserNameAndPassword() {
        EmbeddedChannel ch = start(protocol("version", "5", "username", "user", "password", "pw", "keepalive", "60s",
                "client_id", "c-{{topic}}-{{client}}"), session);
        assertThat(sent(ch)).isEqualTo(concat(
                bytes(0x10, 31, 0, 4, 'M', 'Q', 'T', 'T', 5, 0x80 | 0x40 | 0x02, 0, 60, 0),
                bytes(0, 8), ascii("c-news-7"), bytes(0, 4), ascii("user"), bytes(0, 2), ascii("pw")));
        ch.finishAndReleaseAll();
    }

    @Test
    void userNamePasswordAndClientIdAreTemplatesFilledFromThisConnectionsFeederRow() {
        RecordingProtocolSession alice = RecordingProtocolSession.subscriber().with("user", "alice").with("token", "t-1é");
        EmbeddedChannel ch = start(protocol("username", "{{user}}", "password", "pw-{{token}}", "client_id",
                "{{user}}-{{client}}", "keepalive", "0"), alice);
        assertThat(sent(ch)).isEqualTo(concat(
                bytes(0x10, 36, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x80 | 0x40 | 0x02, 0, 0),
                bytes(0, 7), ascii("alice-7"), bytes(0, 5), ascii("alice"), bytes(0, 8), ascii("pw-t-1é")));
        ch.finishAndReleaseAll();
    }

    @Test
    void anMqtt5ConnectMaySendAPasswordWithoutUserName() {
        EmbeddedChannel ch = start(protocol("version", "5", "password", "token", "keepalive", "0"), session);
        assertThat(sent(ch)).isEqualTo(concat(
                bytes(0x10, 35, 0, 4, 'M', 'Q', 'T', 'T', 5, 0x40 | 0x02, 0, 0, 0, 0, 15), CLIENT_ID,
                bytes(0, 5), ascii("token")));
        ch.finishAndReleaseAll();
    }

    @Test
    void aPublisherConnectionAddsPubToItsClientIdSoItNeverTakesASubscribersSession() {
        EmbeddedChannel ch = start(protocol(), RecordingProtocolSession.publisher());
        assertThat(sent(ch)).isEqualTo(concat(
                bytes(0x10, 31, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 30, 0, 19), CLIENT_ID, ascii("-pub")));
        ch.finishAndReleaseAll();
    }

    @Test
    void subscribeFollowsConnackAndAGrantingSubackAcknowledgesIt() {
        EmbeddedChannel ch = start(protocol(), session);
        sent(ch);
        receive(ch, connack(V3_1_1, 0));
        assertThat(sent(ch)).isEqualTo(concat(bytes(0x82, 9, 0, 1, 0, 4), ascii("news"), bytes(0)));
        assertNull(ch.readOutbound());
        assertThat(session.trace()).isEmpty();
        receive(ch, suback(V3_1_1, 2, 0));
        assertThat(session.trace()).isEmpty();
        receive(ch, suback(V3_1_1, 1, 0));
        assertThat(session.trace()).containsExactly("subscribed");
        receive(ch, suback(V3_1_1, 1, 0));
        assertThat(session.trace()).containsExactly("subscribed");
        assertNull(ch.readOutbound());
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void anMqtt5SubscribeAtQos1CarriesEmptyPropertiesAndItsTopicTemplate() {
        EmbeddedChannel ch = start(protocol("version", "5", "qos", "1", "topic", "herd/{{topic}}/{{topic_index}}"),
                session);
        sent(ch);
        receive(ch, connack(V5, 0));
        assertThat(sent(ch)).isEqualTo(concat(bytes(0x82, 17, 0, 1, 0, 0, 11), ascii("herd/news/0"), bytes(1)));
        receive(ch, packet(0x90, 0, 1, 3, 0x1F, 0, 0, 1));
        assertThat(session.trace()).containsExactly("subscribed");
        ch.finishAndReleaseAll();
    }

    @Test
    void aLowerQosGrantedStillAcknowledgesTheSubscription() {
        EmbeddedChannel ch = start(protocol("qos", "1"), session);
        sent(ch);
        receive(ch, connack(V3_1_1, 0));
        sent(ch);
        receive(ch, suback(V3_1_1, 1, 0));
        assertThat(session.trace()).containsExactly("subscribed");
        ch.finishAndReleaseAll();
    }

    @Test
    void connackAndSubackInOneWebSocketMessageSubscribeAtOnce() {
        EmbeddedChannel ch = start(protocol(), session);
        sent(ch);
        receive(ch, connack(V3_1_1, 0), suback(V3_1_1, 1, 0));
        assertThat(sent(ch)[0]).isEqualTo((byte) 0x82);
        assertThat(session.trace()).containsExactly("subscribed");
        ch.finishAndReleaseAll();
    }

    @Test
    void aConnackReturnCodeOtherThanZeroIsARejectionNamingIt() {
        EmbeddedChannel ch = start(protocol(), session);
        sent(ch);
        receive(ch, connack(V3_1_1, 5));
        assertThat(session.trace()).containsExactly("rejected MQTT CONNACK refused the connection: 0x05 not authorized");
        assertNull(ch.readOutbound());
        ch.close();
        assertThat(session.trace()).hasSize(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void anMqtt5ConnackFailureIsARejectionWithItsReasonString() {
        EmbeddedChannel ch = start(protocol("version", "5"), session);
        sent(ch);
        receive(ch, connackV5(0x86, 0x1F, 0, 7, 'n', 'o', ' ', 'u', 's', 'e', 'r'));
        assertThat(session.trace()).containsExactly(
                "rejected MQTT CONNACK refused the connection: 0x86 bad user name or password (no user)");
        ch.finishAndReleaseAll();
    }

    @Test
    void anMqtt5ConnackWithPropertiesIsReadPastThem() {
        RecordingProtocolSession publisher = RecordingProtocolSession.publisher();
        EmbeddedChannel ch = start(protocol("version", "5"), publisher);
        sent(ch);
        receive(ch, connackV5(0x00, 0x22, 0, 10, 0x26, 0, 1, 'k', 0, 1, 'v', 0x21, 0, 20));
        assertThat(publisher.trace()).containsExactly("subscribed");
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void aSubackFailureIsARejection() {
        EmbeddedChannel ch = start(protocol(), session);
        sent(ch);
        receive(ch, connack(V3_1_1, 0));
        sent(ch);
        receive(ch, suback(V3_1_1, 1, 0x80));
        assertThat(session.trace()).containsExactly("rejected MQTT SUBACK refused the subscription: 0x80 failure");
        ch.finishAndReleaseAll();
    }

    @Test
    void anMqtt5SubackReasonOf0x80OrMoreIsARejectionNamingIt() {
        EmbeddedChannel ch = start(protocol("version", "5"), session);
        sent(ch);
        receive(ch, connack(V5, 0));
        sent(ch);
        receive(ch, suback(V5, 1, 0x87));
        assertThat(session.trace()).containsExactly(
                "rejected MQTT SUBACK refused the subscription: 0x87 not authorized");
        ch.finishAndReleaseAll();
    }

    @Test
    void aPublisherIsReadyAtConnackAndNeverSubscribes() {
        RecordingProtocolSession publisher = RecordingProtocolSession.publisher();
        EmbeddedChannel ch = start(protocol(), publisher);
        sent(ch);
        receive(ch, connack(V3_1_1, 0));
        assertThat(publisher.trace()).containsExactly("subscribed");
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void theServerClosingBeforeConnackIsARejection() {
        EmbeddedChannel ch = start(protocol(), session);
        sent(ch);
        ch.close();
        assertThat(session.trace()).containsExactly(
                "rejected the server closed the connection during the MQTT handshake");
        ch.finishAndReleaseAll();
    }

    @Test
    void theServerClosingBeforeSubackIsARejection() {
        EmbeddedChannel ch = start(protocol(), session);
        sent(ch);
        receive(ch, connack(V3_1_1, 0));
        sent(ch);
        ch.close();
        assertThat(session.trace()).containsExactly(
                "rejected the server closed the connection during the MQTT handshake");
        ch.finishAndReleaseAll();
    }

    @Test
    void aDisconnectDuringTheHandshakeIsARejection() {
        EmbeddedChannel ch = start(protocol("version", "5"), session);
        sent(ch);
        receive(ch, packet(0xE0, 0x8A, 0));
        assertThat(session.trace()).containsExactly("rejected MQTT DISCONNECT from the server: 0x8A banned");
        ch.finishAndReleaseAll();
    }

    @Test
    void aConnackTooShortIsMalformed() {
        EmbeddedChannel ch = start(protocol(), session);
        sent(ch);
        receive(ch, packet(0x20, 0));
        assertThat(session.trace()).containsExactly(
                "violated protocol_malformed: an MQTT CONNACK is too short for its return code");
        ch.finishAndReleaseAll();
    }
}
