package dev.herd.engine.protocol.mqtt;

import io.netty.buffer.ByteBuf;

/**
 * MQTT's Variable Byte Integer (<a href="https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html#_Toc3901011">
 * MQTT 5.0 §1.5.5</a>, the same as 3.1.1's remaining length): 1 to 4 bytes, 7 bits each, low bits first. Read in place
 * into a {@code long} holding both the value and how many bytes it took, so nothing is allocated.
 *
 * <pre>{@code
 * long v = MqttVarint.read(buf, index, end);
 * if (v >= 0) { int length = MqttVarint.value(v); index += MqttVarint.bytes(v); }
 * }</pre>
 */
final class MqttVarint {

    /** The bytes end before the integer does. */
    static final long INCOMPLETE = -1;
    /** A fourth byte still says more follows. */
    static final long MALFORMED = -2;
    /** The largest value four bytes hold. */
    static final int MAX_VALUE = 268_435_455;

    private MqttVarint() {
    }

    /** The integer at {@code index}, not reading at or beyond {@code end}: packed, or INCOMPLETE or MALFORMED. */
    static long read(ByteBuf buf, int index, int end) {
        int value = 0;
        for (int k = 0; k < 4; k++) {
            if (index + k >= end) {
                return INCOMPLETE;
            }
            int b = buf.getUnsignedByte(index + k);
            value |= (b & 0x7F) << (7 * k);
            if ((b & 0x80) == 0) {
                return value | (long) (k + 1) << 32;
            }
        }
        return MALFORMED;
    }

    static int value(long packed) {
        return (int) packed;
    }

    static int bytes(long packed) {
        return (int) (packed >>> 32);
    }

    /** How many bytes {@code value} takes. */
    static int size(int value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    /** Writes {@code value} (0 to {@link #MAX_VALUE}) at {@code index}; returns the index after it. */
    static int set(ByteBuf out, int index, int value) {
        do {
            int b = value & 0x7F;
            value >>>= 7;
            out.setByte(index++, value > 0 ? b | 0x80 : b);
        } while (value > 0);
        return index;
    }
}
