package dev.herd.engine.protocol.mqtt;

import static dev.herd.engine.protocol.mqtt.MqttFixture.ascii;
import static dev.herd.engine.protocol.mqtt.MqttFixture.bytes;
import static dev.herd.engine.protocol.mqtt.MqttFixture.concat;
import static dev.herd.engine.protocol.mqtt.MqttFixture.connack;
import static dev.herd.engine.protocol.mqtt.MqttFixture.connackV5;
import static dev.herd.engine.protocol.mqtt.MqttFixture.packet;
import static dev.herd.engine.protocol.mqtt.MqttFixture.protocol;
import static dev.herd.engine.protocol.mqtt.MqttFixture.puback;
import static dev.herd.engine.protocol.mqtt.MqttFixture.receive;
import static dev.herd.engine.protocol.mqtt.MqttFixture.sent;
import static dev.herd.engine.protocol.mqtt.MqttFixture.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herd.engine.protocol.RecordingProtocolSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What a publisher connection sends for each payload: a PUBLISH to the topic; QoS 0 counts once written, QoS 1 once
 * the broker's PUBACK arrives.
 */
class MqttPublishTest {

    private final RecordingProtocolSession publisher = RecordingProtocolSession.publisher();

    @Test
    void aQos0PayloadGoesOutAsAPublishAndCountsWhenWritten() {
        EmbeddedChannel ch = connectedPublisher(protocol());
        ByteBuf payload = payload("hello");
        ChannelFuture written = ch.writeAndFlush(payload);
        assertThat(sent(ch)).isEqualTo(concat(bytes(0x30, 11, 0, 4), ascii("news"), ascii("hello")));
        assertThat(written.isSuccess()).isTrue();
        assertThat(payload.refCnt()).isZero();
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void aQos1PayloadCarriesAPacketIdAndCountsOnlyWhenItsPubackArrives() {
        EmbeddedChannel ch = connectedPublisher(protocol("version", "5", "qos", "1", "topic", "t/{{topic_index}}"));
        ChannelFuture first = ch.writeAndFlush(payload("a"));
        ChannelFuture second = ch.writeAndFlush(payload("b"));
        assertThat(sent(ch)).isEqualTo(concat(bytes(0x32, 9, 0, 3), ascii("t/0"), bytes(0, 1, 0), ascii("a")));
        assertThat(sent(ch)).isEqualTo(concat(bytes(0x32, 9, 0, 3), ascii("t/0"), bytes(0, 2, 0), ascii("b")));
        assertThat(first.isDone()).isFalse();
        assertThat(second.isDone()).isFalse();
        receive(ch, puback(1));
        assertThat(first.isSuccess()).isTrue();
        assertThat(second.isDone()).isFalse();
        receive(ch, puback(1), puback(77));
        assertThat(second.isDone()).isFalse();
        receive(ch, puback(2));
        assertThat(second.isSuccess()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void pubacksOutOfOrderCompleteTheirOwnPublishes() {
        EmbeddedChannel ch = connectedPublisher(protocol("qos", "1"));
        ChannelFuture[] futures = new ChannelFuture[3];
        for (int k = 0; k < 3; k++) {
            futures[k] = ch.writeAndFlush(payload("m" + k));
            sent(ch);
        }
        receive(ch, puback(3), puback(1));
        assertThat(futures[0].isSuccess()).isTrue();
        assertThat(futures[1].isDone()).isFalse();
        assertThat(futures[2].isSuccess()).isTrue();
        receive(ch, puback(2));
        assertThat(futures[1].isSuccess()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void anMqtt5PubackWithAFailureReasonFailsThePublish() {
        EmbeddedChannel ch = connectedPublisher(protocol("version", "5", "qos", "1"));
        ChannelFuture refused = ch.writeAndFlush(payload("a"));
        ChannelFuture nobodyListening = ch.writeAndFlush(payload("b"));
        receive(ch, packet(0x40, 0, 1, 0x87), packet(0x40, 0, 2, 0x10, 0));
        assertThat(refused.cause()).hasMessage("the broker refused the MQTT publish in its PUBACK");
        assertThat(nobodyListening.isSuccess()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void publishesAwaitingPubackFailWhenTheConnectionEnds() {
        EmbeddedChannel ch = connectedPublisher(protocol("qos", "1"));
        ChannelFuture pending = ch.writeAndFlush(payload("a"));
        ch.close();
        assertThat(pending.cause()).hasMessage("the connection ended before the MQTT PUBACK");
        ch.finishAndReleaseAll();
    }

    @Test
    void beyondTheBrokersReceiveMaximumAPublishFails() {
        EmbeddedChannel ch = start(protocol("version", "5", "qos", "1"), publisher);
        sent(ch);
        receive(ch, connackV5(0, 0x21, 0, 2));
        ChannelFuture first = ch.writeAndFlush(payload("a"));
        ch.writeAndFlush(payload("b"));
        ByteBuf third = payload("c");
        ChannelFuture refused = ch.writeAndFlush(third);
        assertThat(refused.cause()).hasMessage("more MQTT QoS 1 publishes await their PUBACK than the window allows");
        assertThat(third.refCnt()).isZero();
        sent(ch);
        sent(ch);
        assertNull(ch.readOutbound());
        receive(ch, puback(1));
        assertThat(first.isSuccess()).isTrue();
        ChannelFuture fourth = ch.writeAndFlush(payload("d"));
        assertThat(sent(ch)).isEqualTo(concat(bytes(0x32, 10, 0, 4), ascii("news"), bytes(0, 3, 0), ascii("d")));
        assertThat(fourth.isDone()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void aPayloadBeforeConnackFailsAndIsReleased() {
        EmbeddedChannel ch = start(protocol(), publisher);
        sent(ch);
        ByteBuf payload = payload("early");
        assertThat(ch.writeAndFlush(payload).cause()).hasMessage("the MQTT connection is not open");
        assertThat(payload.refCnt()).isZero();
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void aLargePayloadGetsAMultiByteRemainingLength() {
        EmbeddedChannel ch = connectedPublisher(protocol());
        ch.writeAndFlush(payload("x".repeat(200)));
        byte[] packet = sent(ch);
        assertThat(packet).startsWith(bytes(0x30, 0xCE, 0x01, 0, 4, 'n', 'e', 'w', 's'));
        assertThat(packet).hasSize(3 + 206);
        ch.finishAndReleaseAll();
    }

    private EmbeddedChannel connectedPublisher(MqttProtocol protocol) {
        EmbeddedChannel ch = start(protocol, publisher);
        sent(ch);
        receive(ch, connack(protocol.version(), 0));
        assertThat(publisher.trace()).containsExactly("subscribed");
        return ch;
    }

    private static ByteBuf payload(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
