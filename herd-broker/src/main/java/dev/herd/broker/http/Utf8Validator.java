package dev.herd.broker.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Tells whether a buffer holds well-formed UTF-8 (RFC 3629 §4: no overlong forms, no surrogates, nothing past
 * U+10FFFF), in one {@link ByteBuf#forEachByte} pass. {@code ByteBufUtil.isText} reads byte by byte with
 * {@code getByte}, which on an aggregated (composite) request body means a component lookup per byte.
 */
final class Utf8Validator implements ByteProcessor {

    /** Continuation bytes still expected for the current character. */
    private int pending;
    /** Allowed range of the next continuation byte (narrower right after some lead bytes). */
    private int low = 0x80;
    private int high = 0xBF;

    private Utf8Validator() {
    }

    static boolean isValid(ByteBuf buf) {
        Utf8Validator validator = new Utf8Validator();
        return buf.forEachByte(validator) < 0 && validator.pending == 0;
    }

    @Override
    public boolean process(byte value) {
        int b = value & 0xFF;
        if (pending > 0) {
            if (b < low || b > high) {
                return false;
            }
            pending--;
            low = 0x80;
            high = 0xBF;
            return true;
        }
        if (b < 0x80) {
            return true;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            pending = 1;
        } else if (b == 0xE0) {
            pending = 2;
            low = 0xA0; // no overlong 3-byte forms
        } else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
            pending = 2;
        } else if (b == 0xED) {
            pending = 2;
            high = 0x9F; // no surrogates
        } else if (b == 0xF0) {
            pending = 3;
            low = 0x90; // no overlong 4-byte forms
        } else if (b >= 0xF1 && b <= 0xF3) {
            pending = 3;
        } else if (b == 0xF4) {
            pending = 3;
            high = 0x8F; // nothing above U+10FFFF
        } else {
            return false; // continuation byte without a lead, C0/C1, F5..FF
        }
        return true;
    }
}
