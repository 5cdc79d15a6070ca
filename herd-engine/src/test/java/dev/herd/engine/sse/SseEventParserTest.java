package dev.herd.engine.sse;

import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.herd.engine.sse.RecordingSseListener.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per rule of the WHATWG event stream interpretation, plus the parser's own limits and lifecycle. */
class SseEventParserTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final RecordingAllocator alloc = new RecordingAllocator();
    private SseEventParser parser = new SseEventParser(alloc, 1024);
    private final RecordingSseListener listener = new RecordingSseListener(() -> parser.lastEventId());

    @AfterEach
    void parserReleasesEveryBufferOnClose() {
        parser.close();
        assertThat(alloc.allocated).isNotEmpty();
        assertThat(alloc.allReleased()).as("every parser buffer has refCnt 0 after close").isTrue();
    }

    /** Swaps in a parser with a smaller limit; the old one is closed so its buffers count as released. */
    private void useMaxEventBytes(int maxEventBytes) {
        parser.close();
        parser = new SseEventParser(alloc, maxEventBytes);
    }

    private void useBudget(int maxEventBytes, ReceiveBudget budget) {
        parser.close();
        parser = new SseEventParser(alloc, maxEventBytes, budget.share());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private List<String> feed(byte[]... chunks) {
        for (byte[] bytes : chunks) {
            ByteBuf chunk = Unpooled.wrappedBuffer(bytes);
            try {
                parser.parse(chunk, listener);
                assertThat(chunk.isReadable()).as("the chunk is consumed").isFalse();
            } finally {
                chunk.release();
            }
        }
        return listener.trace;
    }

    private List<String> feed(String... chunks) {
        byte[][] bytes = new byte[chunks.length][];
        for (int i = 0; i < chunks.length; i++) {
            bytes[i] = utf8(chunks[i]);
        }
        return feed(bytes);
    }

    // Line ends

    @Test
    void lfEndsALine() {
        assertThat(feed("data: a\n\n")).containsExactly(event("message", "a", null));
    }

    @Test
    void crlfEndsALine() {
        assertThat(feed("data: a\r\n\r\n")).containsExactly(event("message", "a", null));
    }

    @Test
    void aLoneCrEndsALine() {
        assertThat(feed("data: a\rdata: b\r\r")).containsExactly(event("message", "a\nb", null));
    }

    @Test
    void crAtTheEndOfOneChunkAndLfAtTheStartOfTheNextAreOneLineEnd() {
        // Were they two line ends, the LF would be a blank line and dispatch "a" alone.
        assertThat(feed("data: a\r", "\ndata: b\r", "\n\r", "\n")).containsExactly(event("message", "a\nb", null));
    }

    @Test
    void crThenAnEmptyChunkThenLfAreStillOneLineEnd() {
        assertThat(feed("data: a\r", "", "\ndata: b\n\n")).containsExactly(event("message", "a\nb", null));
    }

    @Test
    void lfThenCrAreTwoLineEnds() {
        assertThat(feed("data: a\n\rdata: b\n\n")).containsExactly(
                event("message", "a", null), event("message", "b", null));
    }

    // Byte order mark

    @Test
    void aLeadingBomIsSkipped() {
        assertThat(feed(concat(BOM, utf8("data: a\n\n")))).containsExactly(event("message", "a", null));
    }

    @Test
    void aLeadingBomSplitAcrossChunksIsSkipped() {
        assertThat(feed(new byte[]{BOM[0]}, new byte[]{BOM[1]}, concat(new byte[]{BOM[2]}, utf8("data: a\n\n"))))
                .containsExactly(event("message", "a", null));
    }

    @Test
    void onlyOneBomIsSkipped() {
        // The second BOM becomes part of the field name, which is then not "data".
        assertThat(feed(concat(BOM, BOM, utf8("data: a\n\ndata: b\n\n")))).containsExactly(event("message", "b", null));
    }

    @Test
    void aBomLaterInTheStreamIsData() {
        assertThat(feed(concat(utf8("data: "), BOM, utf8("x\n\n")))).containsExactly(event("message", "\uFEFFx", null));
    }

    @Test
    void theStartOfABomThatIsNotOneStaysInTheFirstLine() {
        // EF BB then 'd': the two bytes start the first field name, so that line is not a data line.
        assertThat(feed(new byte[]{BOM[0], BOM[1]}, utf8("data: a\n\ndata: b\n\n")))
                .containsExactly(event("message", "b", null));
    }

    // Comments and fields

    @Test
    void aLineStartingWithAColonIsACommentAndDispatchesNothing() {
        assertThat(feed(": keep-alive\n:\n:x\n\n")).containsExactly("comment [ keep-alive]", "comment []", "comment [x]");
    }

    @Test
    void aCommentCutByAChunkBoundaryIsReportedWhole() {
        assertThat(feed(": keep-", "alive\n")).containsExactly("comment [ keep-alive]");
    }

    @Test
    void oneLeadingSpaceOfTheValueIsRemoved() {
        assertThat(feed("data:  two\n\ndata:none\n\n")).containsExactly(
                event("message", " two", null), event("message", "none", null));
    }

    @Test
    void aValueKeepsColonsAfterTheFirst() {
        assertThat(feed("data: a:b: c\n\n")).containsExactly(event("message", "a:b: c", null));
    }

    @Test
    void aLineWithoutAColonIsAFieldNameWithAnEmptyValue() {
        assertThat(feed("data\n\ndata\ndata\n\n")).containsExactly(
                event("message", "", null), event("message", "\n", null));
    }

    @Test
    void dataLinesAreJoinedWithLfAndTheFinalLfIsRemoved() {
        assertThat(feed("data: one\ndata: two\ndata:\ndata: four\n\n"))
                .containsExactly(event("message", "one\ntwo\n\nfour", null));
    }

    @Test
    void eventSetsTheTypeOfTheNextDispatchOnly() {
        assertThat(feed("event: add\nevent: update\ndata: 1\n\ndata: 2\n\n")).containsExactly(
                event("update", "1", null), event("message", "2", null));
    }

    @Test
    void fieldNamesAreComparedExactly() {
        assertThat(feed("Data: a\ndata : b\ndat: c\ndatas: d\n data: e\nevent: x\n\n")).isEmpty();
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(feed("foo: bar\nfoo\ndata: a\n\n")).containsExactly(event("message", "a", null));
    }

    // Last event id

    @Test
    void idSetsTheLastEventIdAtTheBlankLineNotBefore() {
        feed("id: 7\ndata: a\n");
        assertThat(parser.lastEventId()).isNull();
        assertThat(feed("\n")).containsExactly(event("message", "a", "7"));
        assertThat(parser.lastEventId()).isEqualTo("7");
    }

    @Test
    void theLastEventIdPersistsAcrossEventsWithoutId() {
        assertThat(feed("id: 7\ndata: a\n\ndata: b\n\n")).containsExactly(
                event("message", "a", "7"), event("message", "b", "7"));
    }

    @Test
    void anIdWithoutDataStillSetsTheLastEventId() {
        assertThat(feed("id: 8\n\n")).isEmpty();
        assertThat(parser.lastEventId()).isEqualTo("8");
    }

    @Test
    void anEmptyIdClearsTheLastEventId() {
        assertThat(feed("id: 7\n\nid\ndata: a\n\nid: 8\n\nid:\n\n")).containsExactly(event("message", "a", null));
        assertThat(parser.lastEventId()).isNull();
    }

    @Test
    void anIdContainingNulIsIgnored() {
        assertThat(feed("id: 7\n\nid: 8\u00009\ndata: a\n\n")).containsExactly(event("message", "a", "7"));
    }

    @Test
    void anIdMayHoldUtf8() {
        feed("id: é€\n\n");
        assertThat(parser.lastEventId()).isEqualTo("é€");
    }

    // Retry

    @Test
    void retryOfAsciiDigitsSetsTheReconnectionTime() {
        assertThat(feed("retry: 2500\nretry:0\nretry: 007\n")).containsExactly("retry 2500", "retry 0", "retry 7");
    }

    @Test
    void retryOfAnythingButDigitsIsIgnored() {
        assertThat(feed("retry: 10s\nretry: -1\nretry: 1.5\nretry:\nretry\nretry:  1\nretry: ١\n")).isEmpty();
    }

    @Test
    void aRetryTooLargeForALongSaturates() {
        assertThat(feed("retry: 99999999999999999999999\n")).containsExactly("retry " + Long.MAX_VALUE);
    }

    @Test
    void retryIsReportedWhenItsLineEndsNotAtDispatch() {
        assertThat(feed("data: a\nretry: 5\n\n")).containsExactly("retry 5", event("message", "a", null));
    }

    // Dispatch

    @Test
    void aBlankLineWithNoDataResetsTheEventTypeAndDispatchesNothing() {
        assertThat(feed("event: typed\n\ndata: a\n\n")).containsExactly(event("message", "a", null));
    }

    @Test
    void anIncompleteEventAtTheEndOfTheStreamIsNeverDispatched() {
        assertThat(feed("data: a\n\ndata: cut off\nid: 9\n")).containsExactly(event("message", "a", null));
        parser.reset();
        assertThat(feed("data: b\n\n")).containsExactly(event("message", "a", null), event("message", "b", null));
        assertThat(parser.lastEventId()).isNull();
    }

    @Test
    void resetDropsThePartialLineAndEventAndLooksForABomAgainButKeepsTheLastEventId() {
        feed("id: 3\nevent: x\n\nevent: y\ndata: lost\nda");
        parser.reset();
        assertThat(feed(concat(BOM, utf8("ta: b\ndata: c\n\n")))).containsExactly(event("message", "c", "3"));
        assertThat(parser.lastEventId()).isEqualTo("3");
    }

    @Test
    void resetForgetsACarriageReturnLeftAtTheEndOfTheOldConnection() {
        feed("data: a\r");
        parser.reset();
        assertThat(feed("\ndata: b\n\n")).containsExactly(event("message", "b", null));
    }

    @Test
    void eventsOfSeveralKilobytesGrowTheBuffers() {
        String big = "é".repeat(200);
        assertThat(feed("event: " + "t".repeat(300) + "\ndata: " + big + "\ndata: " + big + "\n\n"))
                .containsExactly(event("t".repeat(300), big + "\n" + big, null));
    }

    // Limits

    @Test
    void anEventOfExactlyMaxEventBytesIsDispatched() {
        useMaxEventBytes(8);
        assertThat(feed("data: 1234\ndata: 567\n\ndata: 12345678\n\n"))
                .containsExactly(event("message", "1234\n567", null), event("message", "12345678", null));
        assertThat(parser.oversizedEvents()).isZero();
    }

    @Test
    void anOversizedEventIsDroppedAndCountedAndTheNextOneStillArrives() {
        useMaxEventBytes(8);
        assertThat(feed("id: 1\ndata: 1234\ndata: 5678\n\ndata: ok\n\n")).containsExactly(event("message", "ok", "1"));
        assertThat(parser.oversizedEvents()).isOne();
    }

    @Test
    void anOverlongLineCutAcrossChunksIsDroppedWithoutLosingStep() {
        useMaxEventBytes(8);
        String x = "x".repeat(20);
        // The CR LF across chunks 3 and 4 ends the long line; the blank line after it ends the spoilt event.
        assertThat(feed("data: " + x, x, x + "\r", "\n\ndata: ok\n\n", "data: " + x + x + "\n\n"))
                .containsExactly(event("message", "ok", null));
        assertThat(parser.oversizedEvents()).isEqualTo(2);
    }

    @Test
    void anOverlongEventTypeMakesTheEventOversized() {
        useMaxEventBytes(8);
        assertThat(feed("event: " + "t".repeat(20) + "\ndata: a\n\ndata: b\n\n"))
                .containsExactly(event("message", "b", null));
        assertThat(parser.oversizedEvents()).isOne();
    }

    @Test
    void anOverlongCommentIsDroppedWithoutSpoilingTheEvent() {
        useMaxEventBytes(8);
        assertThat(feed(":" + "p".repeat(2048) + "\ndata: a\n\n", ":" + "p".repeat(10), "p".repeat(10) + "\n\n"))
                .containsExactly(event("message", "a", null));
        assertThat(parser.oversizedEvents()).isZero();
    }

    @Test
    void theListenerHearsOfAnOversizedEventOnceAndAtTheMomentItOutgrowsTheLimit() {
        useMaxEventBytes(8);
        feed("data: 12345\n", "data: 6789\n");
        assertThat(listener.limits).containsExactly(SseLimit.EVENT_SIZE);
        feed("data: more\n\ndata: ok\n\n");
        assertThat(listener.limits).containsExactly(SseLimit.EVENT_SIZE);
        assertThat(listener.trace).containsExactly(event("message", "ok", null));
    }

    @Test
    void anEndlessLineIsReportedBeforeItEnds() {
        useMaxEventBytes(8);
        feed("data: " + "x".repeat(5), "x".repeat(5), "x".repeat(5));
        assertThat(listener.limits).containsExactly(SseLimit.EVENT_SIZE);
    }

    @Test
    void anOverlongCommentIsReportedToo() {
        useMaxEventBytes(8);
        feed(":" + "p".repeat(30) + "\ndata: a\n\n");
        assertThat(listener.limits).containsExactly(SseLimit.EVENT_SIZE);
        assertThat(listener.trace).containsExactly(event("message", "a", null));
    }

    // The receive budget

    @Test
    void anEventBeyondTheReceiveBudgetIsDroppedAndReportedAndTheNextOneStillArrives() {
        ReceiveBudget budget = new ReceiveBudget(0);
        useBudget(1 << 20, budget);
        String big = "b".repeat(ReceiveBudget.FREE_BYTES_PER_BUFFER + 10);
        assertThat(feed("data: " + big.substring(0, 1000), big.substring(1000) + "\n\n", "data: ok\n\n"))
                .containsExactly(event("message", "ok", null));
        assertThat(listener.limits).containsExactly(SseLimit.RECEIVE_BUDGET);
        assertThat(budget.refusals()).isOne();
        assertThat(budget.drawnBytes()).isZero();
    }

    @Test
    void anEventWithinTheBudgetIsDispatchedAndWhatItDrewIsGivenBack() {
        ReceiveBudget budget = new ReceiveBudget(1 << 20);
        useBudget(1 << 20, budget);
        String big = "b".repeat(200_000);
        assertThat(feed("data: " + big.substring(0, 70_000), big.substring(70_000, 140_000), big.substring(140_000)
                + "\n\n")).containsExactly(event("message", big, null));
        assertThat(listener.limits).isEmpty();
        assertThat(budget.peakDrawnBytes()).isPositive();
        assertThat(budget.drawnBytes()).isZero();
    }

    @Test
    void buffersGrownForALargeEventAreLetGoOnceItIsDispatched() {
        useMaxEventBytes(1 << 20);
        String big = "b".repeat(300_000);
        feed("data: " + big.substring(0, 100_000), big.substring(100_000) + "\n\n");
        long held = alloc.allocated.stream().filter(b -> b.refCnt() > 0).mapToLong(ByteBuf::capacity).sum();
        assertThat(held).isLessThanOrEqualTo(4L * ReceiveBudget.FREE_BYTES_PER_BUFFER);
    }

    @Test
    void droppingAPartialEventGivesBackItsDraw() {
        ReceiveBudget budget = new ReceiveBudget(1 << 20);
        useBudget(1 << 20, budget);
        feed("data: " + "b".repeat(100_000), "b".repeat(100_000));
        assertThat(budget.drawnBytes()).isPositive();
        parser.dropPartial();
        assertThat(budget.drawnBytes()).isZero();
        assertThat(feed("data: next\n\n")).containsExactly(event("message", "next", null));
    }

    // Buffers and lifecycle

    @Test
    void parseReadsOnlyTheReadableBytesAndDoesNotReleaseTheChunk() {
        ByteBuf chunk = Unpooled.copiedBuffer("data: skipped\n\ndata: a\n\n", StandardCharsets.UTF_8);
        try {
            chunk.readerIndex("data: skipped\n\n".length());
            parser.parse(chunk, listener);
            assertThat(listener.trace).containsExactly(event("message", "a", null));
            assertThat(chunk.readerIndex()).isEqualTo(chunk.writerIndex());
            assertThat(chunk.refCnt()).isOne();
        } finally {
            chunk.release();
        }
    }

    @Test
    void theListenerGetsTheDataAndTypeAsReadableBytesOnly() {
        ByteBuf chunk = Unpooled.copiedBuffer("event: t\ndata: abc\n\n", StandardCharsets.UTF_8);
        int[] seen = new int[2];
        try {
            parser.parse(chunk, (data, eventType) -> {
                seen[0] = data.readableBytes();
                seen[1] = eventType.readableBytes();
            });
        } finally {
            chunk.release();
        }
        assertThat(seen).containsExactly(3, 1);
    }

    @Test
    void afterCloseTheLastEventIdRemainsAndParsingIsRefused() {
        feed("id: 42\n\n");
        parser.close();
        parser.close();
        assertThat(parser.lastEventId()).isEqualTo("42");
        ByteBuf chunk = Unpooled.copiedBuffer("data: a\n\n", StandardCharsets.UTF_8);
        try {
            assertThatThrownBy(() -> parser.parse(chunk, listener)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> parser.reset()).isInstanceOf(IllegalStateException.class);
        } finally {
            chunk.release();
        }
    }

    @Test
    void maxEventBytesBelowOneIsRejected() {
        assertThatThrownBy(() -> new SseEventParser(alloc, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
