package dev.herd.engine.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.protocol.ProtocolOptions;
import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.RecordingProtocolSession;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An MQTT stage in an {@link EmbeddedChannel} with a frozen clock, and the packets a broker sends it. */
final class MqttFixture {

    static final byte[] PINGREQ = {(byte) 0xC0, 0};
    static final byte[] PINGRESP = {(byte) 0xD0, 0};

    private MqttFixture() {
    }

    /** MQTT with options given as key, value, key, value, … */
    static MqttProtocol protocol(String... keyValues) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int k = 0; k < keyValues.length; k += 2) {
            given.put(keyValues[k], keyValues[k + 1]);
        }
        return MqttProtocol.of(ProtocolOptions.of(MqttProtocol.NAME, given, MqttProtocol.OPTIONS));
    }

    /** The stage started (CONNECT written, not yet read) on a channel whose clock moves only when told. */
    static EmbeddedChannel start(MqttProtocol protocol, RecordingProtocolSession session) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(protocol.newStage(session));
        ch.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
        return ch;
    }

    /** A subscriber through CONNACK and SUBACK (granting {@code qos} of the protocol); nothing left outbound. */
    static EmbeddedChannel subscribed(MqttProtocol protocol, RecordingProtocolSession session) {
        EmbeddedChannel ch = start(protocol, session);
        assertThat(sent(ch)[0]).isEqualTo((byte) 0x10);
        receive(ch, connack(protocol.version(), 0));
        assertThat(sent(ch)[0]).isEqualTo((byte) 0x82);
        receive(ch, suback(protocol.version(), 1, protocol.qos()));
        assertThat(session.trace()).containsExactly("subscribed");
        session.trace().clear();
        return ch;
    }

    /** The next binary message the stage wrote, released; null when there is none. */
    static byte[] sent(EmbeddedChannel ch) {
        Object out = ch.readOutbound();
        if (out == null) {
            return null;
        }
        assertThat(out).isInstanceOf(BinaryWebSocketFrame.class);
        WebSocketFrame frame = (WebSocketFrame) out;
        try {
            return ByteBufUtil.getBytes(frame.content());
        } finally {
            frame.release();
        }
    }

    /** One binary WebSocket message from the broker holding {@code packets}; checks the stage released it. */
    static void receive(EmbeddedChannel ch, byte[]... packets) {
        BinaryWebSocketFrame frame = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(concat(packets)));
        ch.writeInbound(frame);
        assertThat(frame.refCnt()).isZero();
    }

    static byte[] connack(MqttVersion version, int code) {
        return version.hasProperties() ? packet(0x20, 0, code, 0) : packet(0x20, 0, code);
    }

    /** An MQTT 5 CONNACK with the given properties (their bytes as they go on the wire). */
    static byte[] connackV5(int code, int... properties) {
        return packet(0x20, concat(bytes(0, code, properties.length), bytes(properties)));
    }

    static byte[] suback(MqttVersion version, int packetId, int code) {
        return version.hasProperties() ? packet(0x90, packetId >> 8, packetId & 0xFF, 0, code)
                : packet(0x90, packetId >> 8, packetId & 0xFF, code);
    }

    static byte[] puback(int packetId) {
        return packet(0x40, packetId >> 8, packetId & 0xFF);
    }

    /** A PUBLISH to {@code topic}; {@code packetId} is written for QoS 1; MQTT 5 gets an empty properties section. */
    static byte[] publish(MqttVersion version, String topic, int qos, int packetId, byte[] payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(string(topic));
        if (qos > 0) {
            body.writeBytes(bytes(packetId >> 8, packetId & 0xFF));
        }
        if (version.hasProperties()) {
            body.write(0);
        }
        body.writeBytes(payload);
        return packet(0x30 | qos << 1, body.toByteArray());
    }

    static byte[] publish(MqttVersion version, String payload) {
        return publish(version, "news", 0, 0, ascii(payload));
    }

    /** A packet: first byte, remaining length, body. */
    static byte[] packet(int header, int... body) {
        return packet(header, bytes(body));
    }

    static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        int length = body.length;
        do {
            int b = length & 0x7F;
            length >>>= 7;
            out.write(length > 0 ? b | 0x80 : b);
        } while (length > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** An MQTT string: two bytes of length, then UTF-8. */
    static byte[] string(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return concat(bytes(utf8.length >> 8, utf8.length & 0xFF), utf8);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = (byte) values[k];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
