package dev.herd.engine.protocol.mqtt;

import dev.herd.engine.protocol.FrameTemplate;
import dev.herd.engine.protocol.FrameValues;
import io.netty.buffer.ByteBuf;

/**
 * The packets herd sends (<a href="https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html#_Toc398718028">
 * MQTT 3.1.1 §3</a>, <a href="https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html#_Toc3901019">MQTT 5.0
 * §3</a>), written straight into a fresh buffer: the body first, after room for the fixed header, whose remaining
 * length is then set just before the body (the buffer's reader index moves to the packet's first byte).
 *
 * <pre>{@code
 * ByteBuf out = alloc.buffer();
 * MqttPacketWriter.writeSubscribe(out, MqttVersion.V3_1_1, 1, topic, values, 0);
 * }</pre>
 *
 * <p>MQTT 5 packets get an empty properties section: herd asks for nothing beyond 3.1.1's behaviour.
 */
final class MqttPacketWriter {

    static final int CONNECT = 0x10;
    static final int PUBLISH = 0x30;
    static final int PUBACK = 0x40;
    static final int SUBSCRIBE = 0x82;
    static final int PINGREQ = 0xC0;

    private static final byte[] PROTOCOL_NAME = {0, 4, 'M', 'Q', 'T', 'T'};
    private static final int CLEAN_SESSION = 0x02;
    private static final int PASSWORD = 0x40;
    private static final int USER_NAME = 0x80;
    /** The most a fixed header takes: its first byte and four of remaining length. */
    private static final int FIXED_HEADER_MAX_BYTES = 5;
    private static final int MAX_STRING_BYTES = 0xFFFF;

    private MqttPacketWriter() {
    }

    /**
     * CONNECT with a clean session (clean start), no will. The client id comes from {@code clientId} filled from
     * {@code values}, followed by {@code clientIdSuffix}; user name and password, filled the same way, are sent when not
     * null.
     */
    static void writeConnect(ByteBuf out, MqttVersion version, int keepaliveSeconds, FrameTemplate clientId,
                             FrameValues values, byte[] clientIdSuffix, FrameTemplate userName,
                             FrameTemplate password) {
        int body = begin(out);
        out.writeBytes(PROTOCOL_NAME);
        out.writeByte(version.level());
        out.writeByte(CLEAN_SESSION | (userName != null ? USER_NAME : 0) | (password != null ? PASSWORD : 0));
        out.writeShort(keepaliveSeconds);
        writeNoProperties(out, version);
        int id = out.writerIndex();
        out.writeShort(0);
        clientId.write(out, values);
        out.writeBytes(clientIdSuffix);
        setStringLength(out, id);
        if (userName != null) {
            writeString(out, userName, values);
        }
        if (password != null) {
            writeString(out, password, values);
        }
        end(out, body, CONNECT);
    }

    /** SUBSCRIBE to one topic filter at {@code qos}. */
    static void writeSubscribe(ByteBuf out, MqttVersion version, int packetId, FrameTemplate topic, FrameValues values,
                               int qos) {
        int body = begin(out);
        out.writeShort(packetId);
        writeNoProperties(out, version);
        writeString(out, topic, values);
        out.writeByte(qos);
        end(out, body, SUBSCRIBE);
    }

    /** PUBLISH of {@code payload} (not released here); {@code packetId} is written for QoS 1 only. */
    static void writePublish(ByteBuf out, MqttVersion version, FrameTemplate topic, FrameValues values, int qos,
                             int packetId, ByteBuf payload) {
        int body = begin(out);
        writeString(out, topic, values);
        if (qos > 0) {
            out.writeShort(packetId);
        }
        writeNoProperties(out, version);
        out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
        end(out, body, PUBLISH | qos << 1);
    }

    /** PUBACK of a QoS 1 PUBLISH: the same four bytes in 3.1.1 and 5 (reason 0 may be left out). */
    static void writePuback(ByteBuf out, int packetId) {
        out.writeByte(PUBACK).writeByte(2).writeShort(packetId);
    }

    static void writePingreq(ByteBuf out) {
        out.writeByte(PINGREQ).writeByte(0);
    }

    /** The most bytes a PUBLISH of {@code payloadBytes} takes besides its topic. */
    static int publishOverhead(int payloadBytes) {
        return FIXED_HEADER_MAX_BYTES + 2 + 2 + 1 + payloadBytes;
    }

    private static void writeNoProperties(ByteBuf out, MqttVersion version) {
        if (version.hasProperties()) {
            out.writeByte(0);
        }
    }

    private static void writeString(ByteBuf out, FrameTemplate template, FrameValues values) {
        int at = out.writerIndex();
        out.writeShort(0);
        template.write(out, values);
        setStringLength(out, at);
    }

    /** Sets the two-byte length at {@code at} to what was written after it. */
    private static void setStringLength(ByteBuf out, int at) {
        int length = out.writerIndex() - at - 2;
        if (length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("an MQTT string of " + length + " bytes is longer than 65535");
        }
        out.setShort(at, length);
    }

    /** Leaves room for the fixed header; returns where the body starts. */
    private static int begin(ByteBuf out) {
        out.writeZero(FIXED_HEADER_MAX_BYTES);
        return out.writerIndex();
    }

    /** Puts the fixed header right before the body and starts the readable bytes there. */
    private static void end(ByteBuf out, int body, int firstByte) {
        int length = out.writerIndex() - body;
        int header = body - 1 - MqttVarint.size(length);
        out.setByte(header, firstByte);
        MqttVarint.set(out, header + 1, length);
        out.readerIndex(header);
    }
}
