package dev.herd.engine.stamp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StampWriterTest {

    private static String written(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
        ByteBuf buf = Unpooled.buffer(4);
        try {
            int length = StampWriter.write(buf, runId, topicIndex, seq, intendedNanos, sentNanos);
            assertThat(buf.readableBytes()).isEqualTo(length);
            return buf.toString(StandardCharsets.US_ASCII);
        } finally {
            buf.release();
        }
    }

    @Test
    void writesEveryFieldAsLowercaseHexWithoutPadding() {
        assertThat(written(0x1a2b3c4dL, 3, 0x2a, 0x17f0000000000001L, 0x17f0000000000abcL))
                .isEqualTo("~h1.1a2b3c4d.3.2a.17f0000000000001.17f0000000000abc~");
    }

    @Test
    void writesZeroAsOneDigit() {
        assertThat(written(0, 0, 0, 0, 0)).isEqualTo("~h1.0.0.0.0.0~");
    }

    @Test
    void theLargestFieldsTakeMaxLengthBytes() {
        String stamp = written(0xFFFF_FFFFL, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
        assertThat(stamp).isEqualTo(
                "~h1.ffffffff.7fffffff.7fffffffffffffff.7fffffffffffffff.7fffffffffffffff~");
        assertThat(stamp).hasSize(StampWriter.MAX_LENGTH);
    }

    @Test
    void writesAtTheWriterIndexAfterExistingBytesAndAdvancesIt() {
        ByteBuf buf = Unpooled.buffer(8).writeBytes("{\"a\":\"".getBytes(StandardCharsets.US_ASCII));
        try {
            int length = StampWriter.write(buf, 1, 2, 3, 4, 5);
            buf.writeByte('"');
            assertThat(length).isEqualTo(14);
            assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo("{\"a\":\"~h1.1.2.3.4.5~\"");
        } finally {
            buf.release();
        }
    }

    @Test
    void encodedLengthMatchesWhatIsWrittenAndTheJdkHexStrings() {
        SplittableRandom random = new SplittableRandom(42);
        byte[] array = new byte[StampWriter.MAX_LENGTH + 10];
        for (int n = 0; n < 2_000; n++) {
            long runId = random.nextLong(0x1_0000_0000L);
            int topic = random.nextInt(Integer.MAX_VALUE);
            // Random bit lengths, so short and long fields are both common.
            long seq = random.nextLong() >>> (1 + random.nextInt(63));
            long intended = random.nextLong() >>> (1 + random.nextInt(63));
            long sent = random.nextLong() >>> (1 + random.nextInt(63));
            String expected = "~h1." + Long.toHexString(runId) + "." + Integer.toHexString(topic) + "."
                    + Long.toHexString(seq) + "." + Long.toHexString(intended) + "." + Long.toHexString(sent) + "~";

            int length = StampWriter.encodedLength(runId, topic, seq, intended, sent);
            assertThat(length).isEqualTo(expected.length()).isLessThanOrEqualTo(StampWriter.MAX_LENGTH);
            assertThat(written(runId, topic, seq, intended, sent)).isEqualTo(expected);
            assertThat(StampWriter.write(array, 10, runId, topic, seq, intended, sent)).isEqualTo(length);
            assertThat(new String(array, 10, length, StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }

    @Test
    void byteArrayTooShortIsRejectedBeforeAnythingIsWritten() {
        byte[] array = new byte[13];
        assertThatThrownBy(() -> StampWriter.write(array, 0, 1, 2, 3, 4, 5))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(array).containsOnly(0);
        assertThat(StampWriter.write(new byte[14], 0, 1, 2, 3, 4, 5)).isEqualTo(14);
    }

    @ParameterizedTest(name = "{0} is rejected")
    @CsvSource({
            "a run id above 32 bits,  4294967296, 0,  0,  0,  0",
            "a negative run id,       -1,         0,  0,  0,  0",
            "a negative topic index,  0,          -1, 0,  0,  0",
            "a negative seq,          0,          0,  -1, 0,  0",
            "a negative intended time, 0,         0,  0,  -1, 0",
            "a negative sent time,    0,          0,  0,  0,  -1",
    })
    void outOfRangeFields(String what, long runId, int topic, long seq, long intended, long sent) {
        ByteBuf buf = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> StampWriter.write(buf, runId, topic, seq, intended, sent))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(buf.writerIndex()).isZero();
        } finally {
            buf.release();
        }
    }

    @Test
    void whatIsWrittenScansBackToTheSameFields() {
        SplittableRandom random = new SplittableRandom(7);
        ByteBuf buf = Unpooled.buffer();
        try {
            RecordingStampListener listener = new RecordingStampListener();
            for (int n = 0; n < 2_000; n++) {
                long runId = random.nextLong(0x1_0000_0000L);
                int topic = random.nextInt() >>> (1 + random.nextInt(31));
                long seq = random.nextLong() >>> (1 + random.nextInt(63));
                long intended = random.nextLong() >>> 1;
                long sent = random.nextLong() >>> 1;
                buf.clear();
                StampWriter.write(buf, runId, topic, seq, intended, sent);
                listener.stamps.clear();
                assertThat(StampScanner.scan(buf, listener)).isOne();
                assertThat(listener.stamps).containsExactly(
                        RecordingStampListener.line(runId, topic, seq, intended, sent));
            }
            assertThat(listener.malformed).isZero();
        } finally {
            buf.release();
        }
    }
}
