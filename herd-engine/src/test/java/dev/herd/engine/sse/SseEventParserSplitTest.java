package dev.herd.engine.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.herd.engine.sse.RecordingSseListener.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A realistic stream must parse the same however the network cuts it: split in two at every byte position, fed one
 * byte at a time, and cut at random places (seeded).
 */
class SseEventParserSplitTest {

    private static final byte[] STREAM = realisticStream();
    private static final List<String> EXPECTED = expectedTrace();
    private static final long EVENTS = EXPECTED.stream().filter(line -> line.startsWith("event ")).count();

    /** About twenty events with everything a server may send: BOM, comments, retry, ids, types, mixed line ends. */
    private static byte[] realisticStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        StringBuilder text = new StringBuilder()
                .append(": welcome to the stream\r\n")
                .append("retry: 2500\n")
                .append("\n")
                .append("id: 1\nevent: chat\ndata: héllo €\n\n")
                .append("id: 2\r\ndata: line one\r\ndata: line two\r\n\r\n")
                .append("data: {\"type\":\"msg\",\"body\":\"~h1.1a2b3c4d.0.2.17f0000000000001.17f0000000000abc~\"}\r\r")
                .append("event: update\rdata:no-space\rdata\r\r")
                .append(": ping\n")
                .append("id: 3\ndata: 日本語 😀\r\n\n")
                .append("retry: bogus\nretry: 10s\nretry:\n")
                .append("data: a:b:c\n\n")
                .append("id: bad\u0000id\ndata: an id with NUL is ignored\n\n")
                .append("data:  two spaces\n\n")
                .append("event: typed but empty\n\n")
                .append("data: after a typed blank line\n\n")
                .append("id\ndata: id cleared\n\n")
                .append("unknown: field\nData: wrong case\ndata : space before colon\ndata: kept\n\n")
                .append("id: 4\n\n")
                .append("data\n\n")
                .append("data\ndata\n\n")
                .append("retry: 0\n")
                .append("event: stamped\ndata: ~h1.1.0.5.6.7~\n\n");
        String[] lineEnds = {"\n", "\r", "\r\n"};
        for (int n = 0; n < 5; n++) {
            String end = lineEnds[n % 3];
            text.append("id: ").append(10 + n).append(end)
                    .append("data: batch ").append(n).append(end)
                    .append("data: ").append("ü".repeat(n)).append(end)
                    .append(end);
        }
        text.append("data: incomplete at the end of the stream\n");
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static List<String> expectedTrace() {
        List<String> trace = new ArrayList<>(List.of(
                "comment [ welcome to the stream]",
                "retry 2500",
                event("chat", "héllo €", "1"),
                event("message", "line one\nline two", "2"),
                event("message", "{\"type\":\"msg\",\"body\":\"~h1.1a2b3c4d.0.2.17f0000000000001.17f0000000000abc~\"}", "2"),
                event("update", "no-space\n", "2"),
                "comment [ ping]",
                event("message", "日本語 😀", "3"),
                event("message", "a:b:c", "3"),
                event("message", "an id with NUL is ignored", "3"),
                event("message", " two spaces", "3"),
                event("message", "after a typed blank line", "3"),
                event("message", "id cleared", null),
                event("message", "kept", null),
                event("message", "", "4"),
                event("message", "\n", "4"),
                "retry 0",
                event("stamped", "~h1.1.0.5.6.7~", "4")));
        for (int n = 0; n < 5; n++) {
            trace.add(event("message", "batch " + n + "\n" + "ü".repeat(n), String.valueOf(10 + n)));
        }
        return trace;
    }

    /** Parses {@code STREAM} cut at the given positions; alternates heap and direct chunks. */
    private static List<String> parseCutAt(ByteBufAllocator alloc, int... cuts) {
        SseEventParser parser = new SseEventParser(alloc, 4096);
        RecordingSseListener listener = new RecordingSseListener(parser::lastEventId);
        try {
            int from = 0;
            for (int k = 0; k <= cuts.length; k++) {
                int to = k < cuts.length ? cuts[k] : STREAM.length;
                ByteBuf chunk = k % 2 == 0
                        ? Unpooled.wrappedBuffer(STREAM, from, to - from)
                        : Unpooled.directBuffer(to - from + 1).writeBytes(STREAM, from, to - from);
                try {
                    parser.parse(chunk, listener);
                } finally {
                    chunk.release();
                }
                from = to;
            }
            assertThat(parser.lastEventId()).isEqualTo("14");
            assertThat(parser.oversizedEvents()).isZero();
            return listener.trace;
        } finally {
            parser.close();
        }
    }

    @Test
    void theWholeStreamGivesTheExpectedEvents() {
        assertThat(EVENTS).isEqualTo(19);
        assertThat(parseCutAt(new RecordingAllocator())).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void splittingInTwoAtEveryBytePositionChangesNothing() {
        RecordingAllocator alloc = new RecordingAllocator();
        for (int cut = 0; cut <= STREAM.length; cut++) {
            assertThat(parseCutAt(alloc, cut)).as("split at byte %d", cut).containsExactlyElementsOf(EXPECTED);
        }
        assertThat(alloc.allReleased()).isTrue();
    }

    @Test
    void feedingOneByteAtATimeChangesNothing() {
        int[] cuts = new int[STREAM.length - 1];
        Arrays.setAll(cuts, i -> i + 1);
        RecordingAllocator alloc = new RecordingAllocator();
        assertThat(parseCutAt(alloc, cuts)).containsExactlyElementsOf(EXPECTED);
        assertThat(alloc.allReleased()).isTrue();
    }

    @Test
    void cuttingAtRandomPlacesChangesNothing() {
        Random random = new Random(1127);
        RecordingAllocator alloc = new RecordingAllocator();
        for (int trial = 0; trial < 200; trial++) {
            int[] cuts = random.ints(1 + random.nextInt(12), 0, STREAM.length + 1).sorted().toArray();
            assertThat(parseCutAt(alloc, cuts)).as("cuts %s", Arrays.toString(cuts))
                    .containsExactlyElementsOf(EXPECTED);
        }
        assertThat(alloc.allReleased()).isTrue();
    }

    @Test
    void parsingAllocatesNothingPerEventAfterWarmUp() {
        // Not a speed test: it checks the receive path's no-allocation rule, which JMH measures in bench/jmh.
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();

        // Buffers made while leak detection is off are not tracked; paranoid tracking allocates on every access.
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        SseEventParser parser;
        ByteBuf chunk;
        try {
            parser = new SseEventParser(PooledByteBufAllocator.DEFAULT, 4096);
            chunk = Unpooled.directBuffer(STREAM.length).writeBytes(STREAM);
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
        CountingListener counting = new CountingListener();
        try {
            int rounds = 2_000;
            for (int i = 0; i < rounds; i++) {
                parseInTwo(parser, chunk, i % STREAM.length, counting);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < rounds; i++) {
                parseInTwo(parser, chunk, i % STREAM.length, counting);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(counting.events).isEqualTo(2 * rounds * EVENTS);
            // Less than one byte per event: one object per event would be at least 16.
            assertThat(allocated).isLessThan(2 * rounds * EVENTS);
        } finally {
            parser.close();
            chunk.release();
        }
    }

    /** Parses the stream as two chunks cut at {@code cut}, then resets for the next round, as a reconnect would. */
    private static void parseInTwo(SseEventParser parser, ByteBuf stream, int cut, SseEventListener listener) {
        stream.setIndex(0, cut);
        parser.parse(stream, listener);
        stream.setIndex(cut, STREAM.length);
        parser.parse(stream, listener);
        parser.reset();
    }

    private static final class CountingListener implements SseEventListener {
        long events;
        long bytes;

        @Override
        public void onEvent(ByteBuf data, ByteBuf eventType) {
            events++;
            bytes += data.readableBytes() + eventType.readableBytes();
        }

        @Override
        public void onComment(ByteBuf comment) {
            bytes += comment.readableBytes();
        }
    }
}
