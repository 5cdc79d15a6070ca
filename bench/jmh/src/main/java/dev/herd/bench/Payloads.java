package dev.herd.bench;

import dev.herd.engine.stamp.StampWriter;

import java.nio.charset.StandardCharsets;

/**
 * Realistic message bodies for the benchmarks: a stamp with epoch-nanosecond times, wrapped as a target would.
 *
 * <pre>{@code
 * byte[] body = Payloads.json(1024, 42);   // {"type":"msg",...,"body":"~h1...~","pad":"xxx"} of 1024 bytes
 * }</pre>
 */
final class Payloads {

    private static final long RUN_ID = 0x1a2b3c4dL;
    private static final int TOPIC = 7;
    /** 2025-11-24 in epoch nanoseconds: 16 hex digits, as real stamps have. */
    private static final long INTENDED_NANOS = 1_764_000_000_123_456_789L;

    private Payloads() {
    }

    static String stamp(long seq) {
        byte[] bytes = new byte[StampWriter.MAX_LENGTH];
        int length = StampWriter.write(bytes, 0, RUN_ID, TOPIC, seq, INTENDED_NANOS + seq * 1_000_000L,
                INTENDED_NANOS + seq * 1_000_000L + 25_000L);
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    /** The stamp followed by padding, herd's default template. */
    static byte[] plain(int size, long seq) {
        return padded(stamp(seq), "", size);
    }

    /** The stamp in a JSON envelope's string field, with a padding field. */
    static byte[] json(int size, long seq) {
        return padded("{\"type\":\"msg\",\"topic\":\"room-7\",\"body\":\"" + stamp(seq) + "\",\"pad\":\"", "\"}", size);
    }

    /** Two stamped messages batched in one frame, each followed by half the padding. */
    static byte[] twoStamps(int size, long seq) {
        String first = new String(padded(stamp(seq), "", size / 2), StandardCharsets.US_ASCII);
        return padded(first + stamp(seq + 1), "", size);
    }

    /** {@code head + padding + tail}, padded to {@code size} bytes; never shorter than head and tail. */
    private static byte[] padded(String head, String tail, int size) {
        int padding = Math.max(0, size - head.length() - tail.length());
        return (head + "x".repeat(padding) + tail).getBytes(StandardCharsets.US_ASCII);
    }
}
