package dev.herd.broker.testing;

import java.io.ByteArrayOutputStream;

/** Builds RFC 6455 frames byte by byte, valid or not (§5.2). */
public final class WsFrames {

    private WsFrames() {
    }

    /** {@code firstByte} holds FIN, RSV1-3 and the opcode; the payload is masked with a fixed key when asked. */
    public static byte[] frame(int firstByte, byte[] payload, boolean mask) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write(firstByte);
        header(out, payload.length, mask);
        byte[] key = {0x37, (byte) 0xfa, 0x21, 0x3d};
        if (mask) {
            out.write(key, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(mask ? payload[i] ^ key[i & 3] : payload[i]);
        }
        return out.toByteArray();
    }

    /** Only the header of a frame that claims {@code length} payload bytes (none follow). */
    public static byte[] headerOnly(int firstByte, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        out.write(firstByte);
        header(out, length, false);
        return out.toByteArray();
    }

    private static void header(ByteArrayOutputStream out, long length, boolean mask) {
        int maskBit = mask ? 0x80 : 0;
        if (length < 126) {
            out.write(maskBit | (int) length);
        } else if (length < 65536) {
            out.write(maskBit | 126);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        }
    }
}
