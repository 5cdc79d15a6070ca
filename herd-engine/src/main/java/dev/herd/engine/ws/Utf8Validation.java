package dev.herd.engine.ws;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import io.netty.util.internal.PlatformDependent;

/**
 * Whether a message's bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF), read in place, allocating nothing. ASCII, which stamps and most envelopes are, is skipped eight bytes at a
 * time when the buffer has a memory address or an array; the rest goes through the sequence rules in one pass over the
 * buffer ({@link ByteBuf#forEachByte}), never byte by byte through the buffer's accessors, which a leak-tracking
 * buffer would record one by one. One instance per connection: it keeps the state of a sequence between bytes.
 *
 * <pre>{@code
 * Utf8Validation utf8 = new Utf8Validation();
 * if (!utf8.isValid(frame.content())) { fail the connection with 1007 }
 * }</pre>
 */
final class Utf8Validation implements ByteProcessor {

    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final ByteProcessor ASCII = b -> b >= 0;
    /**
     * Whether Netty reads memory through {@code sun.misc.Unsafe}. From Java 24 on it does not by default, yet direct
     * buffers still have a memory address: reading that address needs this too.
     */
    private static final boolean READS_ADDRESSES = PlatformDependent.hasUnsafe();

    /** Continuation bytes the sequence being read still needs. */
    private int needed;
    /** The range the next continuation byte must lie in (the second byte's range depends on the lead). */
    private int low;
    private int high;

    /** True when the readable bytes of {@code buf} are well-formed UTF-8; indexes are not moved. */
    boolean isValid(ByteBuf buf) {
        return isValid(buf, buf.readerIndex(), buf.readableBytes());
    }

    /** True when {@code length} bytes of {@code buf} from {@code index} are well-formed UTF-8; indexes are not moved. */
    boolean isValid(ByteBuf buf, int index, int length) {
        int from = index;
        int to = index + length;
        int i = asciiPrefixEnd(buf, from, to);
        if (i == to) {
            return true;
        }
        needed = 0;
        return buf.forEachByte(i, to - i, this) == -1 && needed == 0;
    }

    @Override
    public boolean process(byte value) {
        int b = value & 0xFF;
        if (needed == 0) {
            if (b < 0x80) {
                return true;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                return expect(1, 0x80, 0xBF);
            }
            if (b >= 0xE0 && b <= 0xEF) {
                return expect(2, b == 0xE0 ? 0xA0 : 0x80, b == 0xED ? 0x9F : 0xBF);
            }
            if (b >= 0xF0 && b <= 0xF4) {
                return expect(3, b == 0xF0 ? 0x90 : 0x80, b == 0xF4 ? 0x8F : 0xBF);
            }
            return false; // a continuation byte without a lead, C0, C1 or F5-FF
        }
        if (b < low || b > high) {
            return false;
        }
        needed--;
        low = 0x80;
        high = 0xBF;
        return true;
    }

    private boolean expect(int continuations, int secondLow, int secondHigh) {
        needed = continuations;
        low = secondLow;
        high = secondHigh;
        return true;
    }

    /** Where the run of ASCII bytes starting at {@code from} ends ({@code to} if it does not). */
    private static int asciiPrefixEnd(ByteBuf buf, int from, int to) {
        int i = from;
        if (READS_ADDRESSES && buf.hasMemoryAddress()) {
            long address = buf.memoryAddress();
            while (to - i >= 8 && (PlatformDependent.getLong(address + i) & HIGH_BITS) == 0) {
                i += 8;
            }
            while (i < to && PlatformDependent.getByte(address + i) >= 0) {
                i++;
            }
            return i;
        }
        if (buf.hasArray()) {
            byte[] array = buf.array();
            int offset = buf.arrayOffset();
            while (i < to && array[offset + i] >= 0) {
                i++;
            }
            return i;
        }
        int found = buf.forEachByte(from, to - from, ASCII);
        return found < 0 ? to : found;
    }
}
