package dev.herd.engine.protocol.mqtt;

import io.netty.buffer.ByteBuf;

/**
 * Looks up one property in an MQTT 5 properties section (<a
 * href="https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html#_Toc3901027">MQTT 5.0 §2.2.2.2</a>), stepping
 * over the others by their types. Used on CONNACK only (server keep alive, receive maximum, reason string), never per
 * message.
 *
 * <pre>{@code
 * int at = MqttProperties.find(buf, propertiesIndex, propertiesEnd, MqttProperties.RECEIVE_MAXIMUM);
 * int receiveMaximum = at < 0 ? 65_535 : buf.getUnsignedShort(at);
 * }</pre>
 */
final class MqttProperties {

    static final int REASON_STRING = 0x1F;
    static final int SERVER_KEEP_ALIVE = 0x13;
    static final int RECEIVE_MAXIMUM = 0x21;
    /** Not there, or the section does not parse. */
    static final int ABSENT = -1;

    private MqttProperties() {
    }

    /** The index of property {@code id}'s value within {@code [index, end)}, or {@link #ABSENT}. */
    static int find(ByteBuf buf, int index, int end, int id) {
        int at = index;
        while (at < end) {
            int property = buf.getUnsignedByte(at++);
            if (property == id) {
                return at;
            }
            at = skip(property, buf, at, end);
            if (at < 0) {
                return ABSENT;
            }
        }
        return ABSENT;
    }

    /** The index after the value of {@code property} at {@code at}, or -1 for a property MQTT 5 does not define. */
    private static int skip(int property, ByteBuf buf, int at, int end) {
        switch (property) {
            case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A:
                return at + 1;
            case 0x13, 0x21, 0x22, 0x23:
                return at + 2;
            case 0x02, 0x11, 0x18, 0x27:
                return at + 4;
            case 0x0B: {
                long v = MqttVarint.read(buf, at, end);
                return v < 0 ? -1 : at + MqttVarint.bytes(v);
            }
            case 0x03, 0x08, 0x09, 0x12, 0x15, 0x16, 0x1A, 0x1C, 0x1F:
                return at + 2 > end ? -1 : at + 2 + buf.getUnsignedShort(at);
            case 0x26: {
                if (at + 2 > end) {
                    return -1;
                }
                int value = at + 2 + buf.getUnsignedShort(at);
                return value + 2 > end ? -1 : value + 2 + buf.getUnsignedShort(value);
            }
            default:
                return -1;
        }
    }
}
