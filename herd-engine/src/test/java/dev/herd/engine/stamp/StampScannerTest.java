package dev.herd.engine.stamp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class StampScannerTest {

    private static final String STAMP = "~h1.1a2b3c4d.3.2a.17f0000000000001.17f0000000000abc~";
    private static final String FIELDS = RecordingStampListener.line(
            0x1a2b3c4dL, 3, 0x2a, 0x17f0000000000001L, 0x17f0000000000abcL);

    private final RecordingStampListener listener = new RecordingStampListener();

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private int scan(String frame) {
        ByteBuf buf = ascii(frame);
        try {
            return StampScanner.scan(buf, listener);
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest(name = "finds the stamp in {0}")
    @CsvSource(delimiter = '|', value = {
            "a bare stamp              | STAMP",
            "a stamp and padding       | STAMPxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "a JSON envelope           | {\"type\":\"msg\",\"body\":\"STAMP\"}",
            "a Socket.IO event frame   | 42[\"chat\",\"STAMP\"]",
            "text with other tildes    | ~~ a ~ b ~h ~h1 ~h2.1.2.3.4.5~ STAMP ~",
            "multi-byte UTF-8 text     | héllo € STAMP 日本",
    })
    void findsOneStamp(String where, String frame) {
        assertThat(scan(frame.replace("STAMP", STAMP))).isOne();
        assertThat(listener.stamps).containsExactly(FIELDS);
        assertThat(listener.malformed).isZero();
    }

    @Test
    void eachStampOfABatchedFrameCountsInOrder() {
        String second = "~h1.1a2b3c4d.4.0.1.2~";
        assertThat(scan("[\"" + STAMP + "\",\"" + second + "\"]" + STAMP + second)).isEqualTo(4);
        String secondFields = RecordingStampListener.line(0x1a2b3c4dL, 4, 0, 1, 2);
        assertThat(listener.stamps).containsExactly(FIELDS, secondFields, FIELDS, secondFields);
    }

    @Test
    void aFrameWithoutStampsReportsNothing() {
        assertThat(scan("{\"type\":\"hello\",\"body\":\"~ no stamp here ~h1\"}")).isZero();
        assertThat(scan("")).isZero();
        assertThat(listener.stamps).isEmpty();
        assertThat(listener.malformed).isZero();
    }

    @Test
    void scansOnlyTheReadableBytesAndLeavesTheIndexesAlone() {
        ByteBuf buf = ascii(STAMP + "|" + STAMP + "|" + STAMP);
        try {
            int stampLength = STAMP.length();
            buf.setIndex(stampLength, 2 * stampLength + 1);
            assertThat(StampScanner.scan(buf, listener)).isOne();
            assertThat(buf.readerIndex()).isEqualTo(stampLength);
            assertThat(buf.writerIndex()).isEqualTo(2 * stampLength + 1);

            // The explicit range ignores the indexes: the first stamp, and the third with its last byte cut off.
            assertThat(StampScanner.scan(buf, 0, stampLength, listener)).isOne();
            assertThat(StampScanner.scan(buf, 2 * (stampLength + 1), stampLength - 1, listener)).isZero();
            assertThat(listener.stamps).hasSize(2);
            assertThat(listener.malformed).isOne();
        } finally {
            buf.release();
        }
    }

    @Test
    void worksOnDirectAndCompositeBuffers() {
        ByteBuf direct = Unpooled.directBuffer().writeBytes(STAMP.getBytes(StandardCharsets.US_ASCII));
        CompositeByteBuf composite = Unpooled.compositeBuffer();
        // The stamp is cut in two components, as a frame aggregated from continuation frames may be.
        composite.addComponent(true, ascii("{\"body\":\"" + STAMP.substring(0, 20)));
        composite.addComponent(true, ascii(STAMP.substring(20) + "\"}"));
        try {
            assertThat(StampScanner.scan(direct, listener)).isOne();
            assertThat(StampScanner.scan(composite, listener)).isOne();
            assertThat(listener.stamps).containsExactly(FIELDS, FIELDS);
        } finally {
            direct.release();
            composite.release();
        }
    }

    @ParameterizedTest(name = "{0} is malformed")
    @CsvSource(delimiter = '|', value = {
            "uppercase hex                         | ~h1.1A2B3C4D.3.2a.1.2~",
            "a non-hex character                   | ~h1.1a2b3c4d.3.2g.1.2~",
            "an empty field                        | ~h1.1a2b3c4d..2a.1.2~",
            "a leading zero                        | ~h1.01.3.2a.1.2~",
            "a padded zero                         | ~h1.1.00.2a.1.2~",
            "a run id over 32 bits                 | ~h1.100000000.3.2a.1.2~",
            "a topic index over Integer.MAX_VALUE  | ~h1.1.80000000.2a.1.2~",
            "a seq over Long.MAX_VALUE             | ~h1.1.3.8000000000000000.1.2~",
            "a seq of 17 digits                    | ~h1.1.3.10000000000000000.1.2~",
            "a sent time over Long.MAX_VALUE       | ~h1.1.3.2a.1.ffffffffffffffff~",
            "four fields                           | ~h1.1.3.2a.1~",
            "six fields                            | ~h1.1.3.2a.1.2.3~",
            "a missing closing tilde               | {\"body\":\"~h1.1.3.2a.1.2\"}",
            "a space inside                        | ~h1.1.3.2a.1. 2~",
            "a negative field                      | ~h1.1.3.-2a.1.2~",
            "a stamp cut at the end of the frame   | xx~h1.1.3.2a.1.2",
            "a bare prefix at the end of the frame | xx~h1.",
    })
    void malformedStamps(String what, String frame) {
        assertThat(scan(frame)).isZero();
        assertThat(listener.stamps).isEmpty();
        assertThat(listener.malformed).isOne();
    }

    @Test
    void everyTruncationOfAStampIsMalformedOnce() {
        for (int cut = 4; cut < STAMP.length(); cut++) {
            RecordingStampListener cutListener = new RecordingStampListener();
            ByteBuf buf = ascii(STAMP.substring(0, cut));
            try {
                assertThat(StampScanner.scan(buf, cutListener)).as("cut at %d", cut).isZero();
                assertThat(cutListener.malformed).as("cut at %d", cut).isOne();
            } finally {
                buf.release();
            }
        }
    }

    @ParameterizedTest(name = "a good stamp after {0} is still found")
    @ValueSource(strings = {"~h1.zz~", "~h1.1.2~", "~h1.1.2.3.4", "~h1."})
    void aGoodStampAfterOrInsideABrokenOneIsFound(String broken) {
        // Written right after the broken one, so its "~" may also read as the broken one's terminator.
        assertThat(scan(broken + STAMP)).isOne();
        assertThat(listener.stamps).containsExactly(FIELDS);
        assertThat(listener.malformed).isOne();
    }

    @Test
    void theLargestStampParses() {
        assertThat(scan("~h1.ffffffff.7fffffff.7fffffffffffffff.7fffffffffffffff.7fffffffffffffff~")).isOne();
        assertThat(listener.stamps).containsExactly(RecordingStampListener.line(
                0xFFFF_FFFFL, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void scanningAllocatesNothingPerFrame() {
        // Not a speed test: it checks the receive path's no-allocation rule, which JMH measures in bench/jmh.
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();

        // wrappedBuffer is not tracked by the leak detector, whose paranoid records would allocate per read.
        ByteBuf frame = Unpooled.wrappedBuffer(
                ("{\"body\":\"" + STAMP + "\",\"bad\":\"~h1.1.2~\",\"pad\":\"xxxxxxxxxxxxxxxxxxxxx\"}")
                        .getBytes(StandardCharsets.US_ASCII));
        CountingListener counting = new CountingListener();
        int frames = 50_000;
        for (int i = 0; i < frames; i++) {
            StampScanner.scan(frame, counting);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < frames; i++) {
            StampScanner.scan(frame, counting);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(counting.seqSum).isEqualTo(2L * frames * 0x2a);
        // Less than one byte per frame: one object per frame would be at least 16.
        assertThat(allocated).isLessThan(frames);
    }

    private static final class CountingListener implements StampListener {
        long seqSum;
        long malformed;

        @Override
        public void onStamp(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
            seqSum += seq;
        }

        @Override
        public void onMalformed() {
            malformed++;
        }
    }
}
