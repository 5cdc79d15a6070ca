package dev.herd.engine.stamp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Tag;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link StampScanner} with any bytes into which up to four stamps written by {@link StampWriter} are set,
 * scanned whole and in a window the fuzzer picks. Exact answers come from a slow regular-expression model of the
 * grammar; the stamps set in must be found with their exact fields unless the bytes before one end like an unclosed
 * stamp (then its opening tilde rightly closes that one), or the window cuts it.
 *
 * <p>Input layout (a seed is a frame followed by a few bytes of settings): the stamps' fields and places and the
 * window are read from the end of the input, the frame is whatever is left at the front.
 */
@Tag("fuzz")
class StampScannerFuzzTest {

    private static final String FIELD = "(0|[1-9a-f][0-9a-f]*)";
    private static final Pattern STAMP = Pattern.compile(
            "~h1\\." + FIELD + "\\." + FIELD + "\\." + FIELD + "\\." + FIELD + "\\." + FIELD + "~");
    private static final BigInteger[] MAX = {BigInteger.valueOf(StampFormat.MAX_RUN_ID),
            BigInteger.valueOf(StampFormat.MAX_TOPIC_INDEX), BigInteger.valueOf(Long.MAX_VALUE),
            BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(Long.MAX_VALUE)};
    /** Around the frame in its buffer: a scan that strays out of its range would find or close stamps in them. */
    private static final byte[] BEFORE = "~h1.1.2.3.4.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AFTER = "5~h1.0.0.0.0.0~".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_EMBEDDED = 4;

    @FuzzTest(maxDuration = "10s")
    void findsExactlyTheStampsTheBytesHold(FuzzedDataProvider data) {
        int count = data.consumeInt(0, MAX_EMBEDDED);
        List<Embedded> embedded = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            embedded.add(new Embedded(data.consumeLong(0, StampFormat.MAX_RUN_ID), data.consumeInt(0, Integer.MAX_VALUE),
                    data.consumeLong(0, Long.MAX_VALUE), data.consumeLong(0, Long.MAX_VALUE),
                    data.consumeLong(0, Long.MAX_VALUE), data.consumeInt(0, Integer.MAX_VALUE), data.consumeBoolean()));
        }
        int windowStartSeed = data.consumeInt(0, Integer.MAX_VALUE);
        int windowLengthSeed = data.consumeInt(0, Integer.MAX_VALUE);
        boolean direct = data.consumeBoolean();
        byte[] noise = data.consumeRemainingAsBytes();

        byte[] frame = embed(noise, embedded);
        ByteBuf buf = direct ? Unpooled.directBuffer(BEFORE.length + frame.length + AFTER.length)
                : Unpooled.buffer(BEFORE.length + frame.length + AFTER.length);
        try {
            buf.writeBytes(BEFORE).writeBytes(frame).writeBytes(AFTER);
            buf.setIndex(BEFORE.length, BEFORE.length + frame.length);

            RecordingStampListener whole = new RecordingStampListener();
            int found = StampScanner.scan(buf, whole);
            assertThat(buf.readerIndex()).isEqualTo(BEFORE.length);
            assertThat(buf.writerIndex()).isEqualTo(BEFORE.length + frame.length);
            assertScannedAsTheModelSays(frame, 0, frame.length, whole, found, embedded);

            int from = windowStartSeed % (frame.length + 1);
            int length = windowLengthSeed % (frame.length - from + 1);
            // The window is given by index and length; the buffer's own indexes must neither matter nor move.
            buf.setIndex(0, 0);
            RecordingStampListener window = new RecordingStampListener();
            found = StampScanner.scan(buf, BEFORE.length + from, length, window);
            assertThat(buf.readerIndex()).isZero();
            assertThat(buf.writerIndex()).isZero();
            assertScannedAsTheModelSays(frame, from, length, window, found, embedded);
        } finally {
            buf.release();
        }
    }

    /** The noise with each stamp set in at its place, in order of place; records where each stamp starts. */
    private static byte[] embed(byte[] noise, List<Embedded> embedded) {
        embedded.sort((a, b) -> Integer.compare(a.placeSeed % (noise.length + 1), b.placeSeed % (noise.length + 1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int copied = 0;
        for (Embedded stamp : embedded) {
            int place = stamp.placeSeed % (noise.length + 1);
            out.write(noise, copied, place - copied);
            copied = place;
            if (stamp.guarded) {
                // A byte that no stamp ends with, so nothing before can take this stamp's tilde as its own.
                out.write(' ');
            }
            stamp.start = out.size();
            out.writeBytes(stamp.bytes);
        }
        out.write(noise, copied, noise.length - copied);
        return out.toByteArray();
    }

    private static void assertScannedAsTheModelSays(byte[] frame, int from, int length, RecordingStampListener seen,
                                                    int found, List<Embedded> embedded) {
        RecordingStampListener expected = model(frame, from, length);
        assertThat(seen.stamps).as("stamps in [%d, %d)", from, from + length).containsExactlyElementsOf(expected.stamps);
        assertThat(seen.malformed).as("malformed in [%d, %d)", from, from + length).isEqualTo(expected.malformed);
        assertThat(found).isEqualTo(seen.stamps.size());

        // Independent of the model: every stamp set in whose tilde nothing before can claim is found, in order.
        int next = 0;
        for (Embedded stamp : embedded) {
            boolean inWindow = stamp.start >= from && stamp.start + stamp.bytes.length <= from + length;
            boolean claimable = stamp.start > from && StampFormat.hexValue(frame[stamp.start - 1]) >= 0;
            if (inWindow && !claimable) {
                int at = seen.stamps.subList(next, seen.stamps.size()).indexOf(stamp.line());
                assertThat(at).as("stamp set in at %d: %s, found %s", stamp.start, stamp.line(), seen.stamps)
                        .isNotNegative();
                next += at + 1;
            }
        }
    }

    /**
     * The stamps and malformed count the format's grammar gives for {@code frame[from, from + length)}: each
     * {@code ~h1.} not inside a stamp already found starts either a stamp, or a malformed one after which the search
     * goes on from its {@code h}.
     */
    private static RecordingStampListener model(byte[] frame, int from, int length) {
        String text = new String(frame, from, length, StandardCharsets.ISO_8859_1);
        RecordingStampListener expected = new RecordingStampListener();
        Matcher m = STAMP.matcher(text);
        int i = 0;
        for (int tilde = text.indexOf("~h1.", i); tilde >= 0; tilde = text.indexOf("~h1.", i)) {
            m.region(tilde, text.length());
            long[] fields = m.lookingAt() ? fields(m) : null;
            if (fields == null) {
                expected.onMalformed();
                i = tilde + 1;
                continue;
            }
            expected.onStamp(fields[0], (int) fields[1], fields[2], fields[3], fields[4]);
            // The writer's encoding of the fields is the very text scanned: one encoding per value.
            byte[] written = new byte[StampWriter.MAX_LENGTH];
            int n = StampWriter.write(written, 0, fields[0], (int) fields[1], fields[2], fields[3], fields[4]);
            assertThat(new String(written, 0, n, StandardCharsets.ISO_8859_1)).isEqualTo(m.group());
            i = m.end();
        }
        return expected;
    }

    /** The five fields of a match, or null when one is beyond its type's range. */
    private static long[] fields(Matcher m) {
        long[] fields = new long[5];
        for (int g = 0; g < 5; g++) {
            BigInteger value = new BigInteger(m.group(g + 1), 16);
            if (value.compareTo(MAX[g]) > 0) {
                return null;
            }
            fields[g] = value.longValue();
        }
        return fields;
    }

    /** A stamp the test sets into the fuzzer's bytes, and where it ended up. */
    private static final class Embedded {
        final long runId;
        final int topicIndex;
        final long seq;
        final long intendedNanos;
        final long sentNanos;
        final int placeSeed;
        final boolean guarded;
        final byte[] bytes;
        int start;

        Embedded(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos, int placeSeed,
                 boolean guarded) {
            this.runId = runId;
            this.topicIndex = topicIndex;
            this.seq = seq;
            this.intendedNanos = intendedNanos;
            this.sentNanos = sentNanos;
            this.placeSeed = placeSeed;
            this.guarded = guarded;
            byte[] out = new byte[StampWriter.MAX_LENGTH];
            bytes = Arrays.copyOf(out, StampWriter.write(out, 0, runId, topicIndex, seq, intendedNanos, sentNanos));
        }

        String line() {
            return RecordingStampListener.line(runId, topicIndex, seq, intendedNanos, sentNanos);
        }
    }
}
