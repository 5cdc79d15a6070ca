package dev.herd.engine.stamp;

/**
 * The stamp's grammar, shared by {@link StampWriter} and {@link StampScanner} so the two cannot disagree.
 *
 * <pre>{@code
 * int digits = StampFormat.hexDigits(seq);   // 1 for 0, 2 for 0x10, 16 for Long.MAX_VALUE
 * }</pre>
 */
final class StampFormat {

    static final byte TILDE = '~';
    static final byte DOT = '.';
    /** The bytes after the opening tilde: version 1 of the format. */
    static final byte[] VERSION = {'h', '1', '.'};
    /** Opening tilde plus {@link #VERSION}. */
    static final int PREFIX_LENGTH = 1 + VERSION.length;

    static final long MAX_RUN_ID = 0xFFFF_FFFFL;
    static final long MAX_TOPIC_INDEX = Integer.MAX_VALUE;
    static final long MAX_LONG_FIELD = Long.MAX_VALUE;

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

    private StampFormat() {
    }

    /** Number of lowercase hex digits of a non-negative value written without leading zeros. */
    static int hexDigits(long value) {
        // OR-ing 1 keeps the bit length of every value but 0, which then takes one digit like 1 does.
        return (67 - Long.numberOfLeadingZeros(value | 1)) >> 2;
    }

    static byte hexDigit(long value) {
        return HEX[(int) (value & 0xF)];
    }

    /** The value of a lowercase hex digit, or -1 for any other byte (uppercase included: the contract is lowercase). */
    static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
