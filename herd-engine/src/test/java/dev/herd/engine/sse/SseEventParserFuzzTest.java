package dev.herd.engine.sse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link SseEventParser} with any bytes, cut into chunks where the fuzzer says, with a small or a large
 * {@code maxEventBytes} and with or without a receive budget: the parser must only ever report what the stream says,
 * keep its buffers within its limits, give back every buffer and every budget byte, and report the same whether the
 * bytes come in one chunk or in many.
 *
 * <p>Input layout (a seed is an SSE stream followed by a few bytes of settings): the settings and cut positions are
 * read from the end of the input, the stream is whatever is left at the front. A large-limit input may repeat its
 * stream, so that lines and events outgrow the budget's free allowance although libFuzzer's inputs stay small, and
 * may end it with a blank line, so that such an event is dispatched.
 */
@Tag("fuzz")
class SseEventParserFuzzTest {

    /** Above {@link ReceiveBudget#FREE_BYTES_PER_BUFFER}, so a large event draws on the budget before its limit. */
    private static final int LARGE_MAX_EVENT_BYTES = 96 * 1024;
    private static final int MAX_REPEATS = 32;
    private static final int MAX_CUTS = 32;

    @FuzzTest(maxDuration = "10s")
    void parsesAnyStreamCutAnywhereAsInOneChunk(FuzzedDataProvider data) {
        boolean small = data.consumeBoolean();
        int maxEventBytes = small ? data.consumeInt(1, 100) : LARGE_MAX_EVENT_BYTES;
        boolean withBudget = data.consumeBoolean();
        long budgetBytes = data.consumeLong(0, 2L * ReceiveBudget.FREE_BYTES_PER_BUFFER);
        boolean dropPartialBeforeClose = data.consumeBoolean();
        int repeats = small ? 1 : data.consumeInt(1, MAX_REPEATS);
        boolean blankLineAtEnd = data.consumeBoolean();
        int[] cutSeeds = new int[data.consumeInt(0, MAX_CUTS)];
        Arrays.setAll(cutSeeds, i -> data.consumeInt(0, Integer.MAX_VALUE));
        int directChunks = data.consumeInt();
        byte[] once = data.consumeRemainingAsBytes();

        byte[] stream = new byte[once.length * repeats + (blankLineAtEnd ? 2 : 0)];
        for (int r = 0; r < repeats; r++) {
            System.arraycopy(once, 0, stream, r * once.length, once.length);
        }
        if (blankLineAtEnd) {
            stream[stream.length - 2] = '\n';
            stream[stream.length - 1] = '\n';
        }
        int[] cuts = Arrays.stream(cutSeeds).map(seed -> seed % (stream.length + 1)).sorted().toArray();

        Run whole = new Run(maxEventBytes, withBudget ? new ReceiveBudget(budgetBytes) : null);
        whole.feed(stream, new int[0], 0);
        whole.finish(dropPartialBeforeClose);
        Run cut = new Run(maxEventBytes, withBudget ? new ReceiveBudget(budgetBytes) : null);
        cut.feed(stream, cuts, directChunks);
        cut.finish(dropPartialBeforeClose);

        // A budget may refuse a line that one run copies and the other reads in place; without refusals it plays no
        // part, so both runs must agree.
        if (whole.refusals() == 0 && cut.refusals() == 0) {
            assertThat(cut.listener.trace).as("cut at %s", Arrays.toString(cuts))
                    .containsExactlyElementsOf(whole.listener.trace);
            assertThat(cut.oversizedEvents).isEqualTo(whole.oversizedEvents);
            assertThat(cut.lastEventId).isEqualTo(whole.lastEventId);
        }
    }

    /** One parser fed one stream, checked after every chunk and after it is closed. */
    private static final class Run {
        private final RecordingAllocator alloc = new RecordingAllocator();
        private final ReceiveBudget budget;
        private final SseEventParser parser;
        private final TraceListener listener;
        private final long maxCapacity;
        private long oversizedEvents;
        private String lastEventId;

        Run(int maxEventBytes, ReceiveBudget budget) {
            this.budget = budget;
            parser = new SseEventParser(alloc, maxEventBytes, budget == null ? null : budget.share());
            listener = new TraceListener(parser, maxEventBytes);
            // Five buffers, each at most the longest line, which a power-of-two growth may double.
            maxCapacity = 5L * Math.max(256, 2L * (maxEventBytes + 6));
        }

        /** Feeds {@code stream} cut at {@code cuts}; bit k of {@code directChunks} makes chunk k direct. */
        void feed(byte[] stream, int[] cuts, int directChunks) {
            int from = 0;
            for (int k = 0; k <= cuts.length; k++) {
                int to = k < cuts.length ? cuts[k] : stream.length;
                boolean direct = (directChunks >>> (k % 32) & 1) != 0;
                ByteBuf chunk = direct ? Unpooled.directBuffer(Math.max(1, to - from)).writeBytes(stream, from, to - from)
                        : Unpooled.wrappedBuffer(stream, from, to - from);
                try {
                    parser.parse(chunk, listener);
                    assertThat(chunk.isReadable()).as("the chunk is consumed").isFalse();
                } finally {
                    chunk.release();
                }
                assertThat(liveCapacity()).as("capacity of the parser's buffers").isLessThanOrEqualTo(maxCapacity);
                if (budget != null) {
                    assertThat(budget.drawnBytes()).isBetween(0L, budget.limitBytes());
                }
                from = to;
            }
        }

        void finish(boolean dropPartialFirst) {
            oversizedEvents = parser.oversizedEvents();
            lastEventId = parser.lastEventId();
            if (dropPartialFirst) {
                parser.dropPartial();
                assertThat(drawnBytes()).as("drawn after dropPartial").isZero();
            }
            parser.close();
            assertThat(drawnBytes()).as("drawn after close").isZero();
            assertThat(alloc.allReleased()).as("every buffer released after close").isTrue();
            assertThat(parser.lastEventId()).as("the last event id survives close").isEqualTo(lastEventId);
        }

        long refusals() {
            return budget == null ? 0 : budget.refusals();
        }

        private long drawnBytes() {
            return budget == null ? 0 : budget.drawnBytes();
        }

        private long liveCapacity() {
            return alloc.allocated.stream().filter(buf -> buf.refCnt() > 0).mapToLong(ByteBuf::capacity).sum();
        }
    }

    /**
     * Writes down every callback byte for byte (ISO-8859-1 keeps each byte one char), checking on the way that each
     * stays within the limits the parser declares.
     */
    private static final class TraceListener implements SseEventListener {
        final List<String> trace = new ArrayList<>();
        private final SseEventParser parser;
        private final int maxEventBytes;

        TraceListener(SseEventParser parser, int maxEventBytes) {
            this.parser = parser;
            this.maxEventBytes = maxEventBytes;
        }

        @Override
        public void onEvent(ByteBuf data, ByteBuf eventType) {
            assertThat(data.readableBytes()).as("event data").isLessThanOrEqualTo(maxEventBytes);
            assertThat(eventType.readableBytes()).as("event type").isLessThanOrEqualTo(maxEventBytes + 6);
            trace.add("event " + bytes(eventType) + " [" + bytes(data) + "] id=" + parser.lastEventId());
        }

        @Override
        public void onRetry(long millis) {
            assertThat(millis).isNotNegative();
            trace.add("retry " + millis);
        }

        @Override
        public void onComment(ByteBuf comment) {
            assertThat(comment.readableBytes()).as("comment").isLessThan(maxEventBytes + 6);
            trace.add("comment [" + bytes(comment) + "]");
        }

        @Override
        public void onLimitExceeded(SseLimit limit) {
            trace.add("limit " + limit);
        }

        private static String bytes(ByteBuf buf) {
            return buf.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
