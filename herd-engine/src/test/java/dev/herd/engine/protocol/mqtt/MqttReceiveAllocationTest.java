package dev.herd.engine.protocol.mqtt;

import static dev.herd.engine.protocol.mqtt.MqttFixture.protocol;
import static dev.herd.engine.protocol.mqtt.MqttFixture.publish;
import static dev.herd.engine.protocol.mqtt.MqttFixture.subscribed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.protocol.ReceiveAllocation;
import dev.herd.engine.protocol.RecordingProtocolSession;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A subscribed MQTT stage reads QoS 0 PUBLISH packets without allocating per message (keep-alive on). */
class MqttReceiveAllocationTest {

    private static final int PACKETS = 16;
    private static final int ROUNDS = 2_000;

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void readingPublishesAllocatesNothingPerMessageAfterWarmUp(MqttVersion version) {
        RecordingProtocolSession session = RecordingProtocolSession.countingSubscriber();
        EmbeddedChannel ch = subscribed(protocol("version", version == MqttVersion.V5 ? "5" : "3.1.1"), session);
        ByteArrayOutputStream packets = new ByteArrayOutputStream();
        for (int n = 0; n < PACKETS; n++) {
            packets.writeBytes(publish(version, "~h1.1a2b3c4d.0." + n + ".2.3~" + "x".repeat(n * 20)));
        }
        WebSocketFrame message = ReceiveAllocation.binary(packets.toByteArray());
        try {
            double bytes = ReceiveAllocation.bytesPerMessage(ch, ROUNDS, message);
            assertThat(session.deliveries()).isEqualTo(2L * ROUNDS * PACKETS);
            assertThat(session.stamps()).isEqualTo(session.deliveries());
            // Less than one byte per packet: one object per packet would be at least 16.
            assertThat(bytes).isLessThan(PACKETS);
            assertThat(session.trace()).isEmpty();
        } finally {
            message.release();
            ch.finishAndReleaseAll();
        }
    }
}
