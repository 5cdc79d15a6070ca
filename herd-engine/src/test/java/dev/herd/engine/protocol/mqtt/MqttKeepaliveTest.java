package dev.herd.engine.protocol.mqtt;

import static dev.herd.engine.protocol.mqtt.MqttFixture.PINGREQ;
import static dev.herd.engine.protocol.mqtt.MqttFixture.PINGRESP;
import static dev.herd.engine.protocol.mqtt.MqttFixture.connack;
import static dev.herd.engine.protocol.mqtt.MqttFixture.connackV5;
import static dev.herd.engine.protocol.mqtt.MqttFixture.protocol;
import static dev.herd.engine.protocol.mqtt.MqttFixture.publish;
import static dev.herd.engine.protocol.mqtt.MqttFixture.receive;
import static dev.herd.engine.protocol.mqtt.MqttFixture.sent;
import static dev.herd.engine.protocol.mqtt.MqttFixture.start;
import static dev.herd.engine.protocol.mqtt.MqttFixture.subscribed;
import static dev.herd.engine.protocol.mqtt.MqttVersion.V3_1_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herd.engine.protocol.RecordingProtocolSession;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keep-alive on the channel's clock (moved by the test, never slept): a PINGREQ every keep alive, and a connection
 * whose server stayed silent for 1.5 keep-alives fails.
 */
class MqttKeepaliveTest {

    private static final long HOUR_MILLIS = TimeUnit.HOURS.toMillis(1);

    private final RecordingProtocolSession session = RecordingProtocolSession.subscriber();

    static Stream<Arguments> keepalives() {
        return Stream.of(
                Arguments.of("the default keep alive of 30s pings every 30s and gives up after 45s", "30s", 30_000),
                Arguments.of("a keep alive of 1s pings every second and gives up after 1.5s", "1s", 1_000),
                Arguments.of("a keep alive of 1m pings every minute and gives up after 90s", "1m", 60_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keepalives")
    void aPingreqGoesOutEveryKeepAlive(String sentence, String keepalive, long millis) {
        EmbeddedChannel ch = subscribed(protocol("keepalive", keepalive), session);
        for (int ping = 0; ping < 3; ping++) {
            advance(ch, millis - 1);
            assertNull(ch.readOutbound());
            advance(ch, 1);
            assertThat(sent(ch)).isEqualTo(PINGREQ);
            receive(ch, PINGRESP);
        }
        assertThat(session.trace()).isEmpty();
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keepalives")
    void aServerSilentForOneAndAHalfKeepAlivesTimesOut(String sentence, String keepalive, long millis) {
        EmbeddedChannel ch = subscribed(protocol("keepalive", keepalive), session);
        advance(ch, millis * 3 / 2 - 1);
        assertThat(session.trace()).isEmpty();
        advance(ch, 1);
        assertThat(session.trace()).containsExactly("violated heartbeat_timeout: no MQTT packet (PINGRESP or other) "
                + "from the server for " + millis * 3 / 2 + " ms (1.5 times the keep alive)");
        ch.finishAndReleaseAll();
    }

    @Test
    void pingrespsAndPublishesFromTheServerKeepTheConnectionAlive() {
        EmbeddedChannel ch = subscribed(protocol(), session);
        for (int k = 0; k < 10; k++) {
            advance(ch, 30_000);
            assertThat(sent(ch)).isEqualTo(PINGREQ);
            receive(ch, k % 2 == 0 ? PINGRESP : publish(V3_1_1, "p" + k));
        }
        assertThat(session.trace()).containsExactly("deliver p1", "deliver p3", "deliver p5", "deliver p7",
                "deliver p9");
        advance(ch, 44_999);
        assertThat(session.trace()).hasSize(5);
        advance(ch, 1);
        assertThat(session.trace()).hasSize(6).last().asString().startsWith("violated heartbeat_timeout");
        ch.finishAndReleaseAll();
    }

    @Test
    void aKeepAliveOfZeroSendsNoPingAndExpectsNothing() {
        EmbeddedChannel ch = start(protocol("keepalive", "0"), session);
        byte[] connect = sent(ch);
        assertThat(connect[10]).isZero();
        assertThat(connect[11]).isZero();
        receive(ch, connack(V3_1_1, 0));
        sent(ch);
        receive(ch, MqttFixture.suback(V3_1_1, 1, 0));
        advance(ch, HOUR_MILLIS);
        assertNull(ch.readOutbound());
        assertThat(session.trace()).containsExactly("subscribed");
        ch.finishAndReleaseAll();
    }

    @Test
    void theKeepAliveGoesIntoConnectInSeconds() {
        EmbeddedChannel ch = start(protocol("keepalive", "300s"), session);
        byte[] connect = sent(ch);
        assertThat(connect[10] & 0xFF).isEqualTo(1);
        assertThat(connect[11] & 0xFF).isEqualTo(44);
        ch.finishAndReleaseAll();
    }

    @Test
    void anMqtt5ServerKeepAliveReplacesHerds() {
        RecordingProtocolSession publisher = RecordingProtocolSession.publisher();
        EmbeddedChannel ch = start(protocol("version", "5"), publisher);
        sent(ch);
        receive(ch, connackV5(0, 0x13, 0, 10));
        advance(ch, 10_000);
        assertThat(sent(ch)).isEqualTo(PINGREQ);
        advance(ch, 5_000);
        assertThat(publisher.trace()).containsExactly("subscribed", "violated heartbeat_timeout: no MQTT packet "
                + "(PINGRESP or other) from the server for 15000 ms (1.5 times the keep alive)");
        ch.finishAndReleaseAll();
    }

    @Test
    void nothingIsPingedOrTimedBeforeConnackAndNothingAfterTheConnectionEnds() {
        EmbeddedChannel ch = start(protocol("keepalive", "1s"), session);
        sent(ch);
        advance(ch, HOUR_MILLIS);
        assertNull(ch.readOutbound());
        assertThat(session.trace()).isEmpty();
        receive(ch, connack(V3_1_1, 0));
        sent(ch);
        ch.close();
        advance(ch, HOUR_MILLIS);
        assertNull(ch.readOutbound());
        assertThat(session.trace()).containsExactly(
                "rejected the server closed the connection during the MQTT handshake");
        ch.finishAndReleaseAll();
    }

    private static void advance(EmbeddedChannel ch, long millis) {
        ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
    }
}
