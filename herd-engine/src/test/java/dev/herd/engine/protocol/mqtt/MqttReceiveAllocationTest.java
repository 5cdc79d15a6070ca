package dev.herd.engine.protocol.mqtt;

import static dev.herd.engine.protocol.mqtt.MqttFixture.connack;
import static dev.herd.engine.protocol.mqtt.MqttFixture.protocol;
import static dev.herd.engine.protocol.mqtt.MqttFixture.publish;
import static dev.herd.engine.protocol.mqtt.MqttFixture.receive;
import static dev.herd.engine.protocol.mqtt.MqttFixture.sent;
import static dev.herd.engine.protocol.mqtt.MqttFixture.suback;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.protocol.ProtocolStage;
import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.StageAllocation;
import dev.herd.engine.protocol.TracingProtocolSession;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A subscribed MQTT stage reads QoS 0 PUBLISH packets without allocating per message (keep-alive on). */
class MqttStageAllocationTest {

    private static final int PACKETS = 16;
    private static final int ROUNDS = 2_000;

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void readingPublishesAllocatesNothingPerMessageAfterWarmUp(MqttVersion version) {
        // Buffers made while leak detection is off are not tracked; paranoid tracking allocates on every access.
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        TracingProtocolSession session = TracingProtocolSession.countingSubscriber();
        ProtocolStage stage = protocol("version", version == MqttVersion.V5 ? "5" : "3.1.1").newStage(session);
        EmbeddedChannel ch = new EmbeddedChannel(stage);
        BinaryWebSocketFrame frame;
        try {
            ch.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
            sent(ch);
            receive(ch, connack(version, 0));
            sent(ch);
            receive(ch, suback(version, 1, 0));
            ByteArrayOutputStream packets = new ByteArrayOutputStream();
            for (int n = 0; n < PACKETS; n++) {
                packets.writeBytes(publish(version, "~h1.1a2b3c4d.0." + n + ".2.3~" + "x".repeat(n * 20)));
            }
            byte[] bytes = packets.toByteArray();
            frame = new BinaryWebSocketFrame(Unpooled.directBuffer(bytes.length).writeBytes(bytes));
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
        try {
            long allocated = StageAllocation.bytesAllocated(ch, stage, frame, ROUNDS);
            assertThat(session.deliveries()).isEqualTo(2L * ROUNDS * PACKETS);
            // Less than one byte per message: one object per message would be at least 16.
            assertThat(allocated).isLessThan((long) ROUNDS * PACKETS);
            assertThat(session.trace()).containsExactly("subscribed");
        } finally {
            frame.release();
            ch.finishAndReleaseAll();
        }
    }
}
