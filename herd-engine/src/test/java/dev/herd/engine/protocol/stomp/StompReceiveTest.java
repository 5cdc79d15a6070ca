package dev.herd.engine.protocol.stomp;

import static dev.herd.engine.protocol.stomp.StompFixture.measuredMessage;
import static dev.herd.engine.protocol.stomp.StompFixture.message;
import static dev.herd.engine.protocol.stomp.StompFixture.protocol;
import static dev.herd.engine.protocol.stomp.StompFixture.receive;
import static dev.herd.engine.protocol.stomp.StompFixture.sent;
import static dev.herd.engine.protocol.stomp.StompFixture.subscribed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herd.engine.protocol.RecordingProtocolSession;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a subscribed STOMP connection does with what the broker sends: MESSAGE bodies, EOLs, ERROR, broken frames. */
class StompReceiveTest {

    private final RecordingProtocolSession session = RecordingProtocolSession.subscriber();
    private EmbeddedChannel ch = subscribed(protocol(), session, "1.2", "0,0");

    @AfterEach
    void noneLeftOver() {
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void eachMessageBodyIsDeliveredAndNothingIsSentBackInAutoMode() {
        receive(ch, message("~h1.1a2b3c4d.0.1.2.3~ hello"));
        assertThat(session.trace()).containsExactly("deliver ~h1.1a2b3c4d.0.1.2.3~ hello");
        assertNull(ch.readOutbound());
    }

    @Test
    void severalFramesInOneWebSocketMessageAreEachDelivered() {
        receive(ch, message("one") + "\n" + message("two") + "\r\n" + message("three") + measuredMessage("four"));
        assertThat(session.delivered()).containsExactly("one", "two", "three", "four");
    }

    @Test
    void aContentLengthBodyMayHoldNuls() {
        receive(ch, measuredMessage("a\0b\0\0c") + "\n" + measuredMessage(""));
        assertThat(session.delivered()).containsExactly("a\\0b\\0\\0c", "");
    }

    @Test
    void aBodyWithoutContentLengthEndsAtTheFirstNul() {
        receive(ch, "MESSAGE\nmessage-id:9\n\nfirst\0\n");
        assertThat(session.delivered()).containsExactly("first");
    }

    @Test
    void newlinesAfterTheNulAndHeartBeatsAreSkipped() {
        receive(ch, "\n");
        receive(ch, "\r\n");
        receive(ch, "\n\n\n" + message("x") + "\n\n\r\n\n");
        receive(ch, "\n" + message("y"));
        assertThat(session.trace()).containsExactly("deliver x", "deliver y");
    }

    @Test
    void crlfLineEndsAreReadAsStomp12Allows() {
        receive(ch, "MESSAGE\r\nsubscription:0\r\nmessage-id:1\r\ncontent-length:2\r\n\r\nhi\0\r\n");
        assertThat(session.delivered()).containsExactly("hi");
    }

    @Test
    void aBodyIsUtf8BytesAsTheyCame() {
        receive(ch, measuredMessage("héllo € 日本"));
        assertThat(session.delivered()).containsExactly("héllo € 日本");
    }

    @Test
    void aBinaryWebSocketMessageIsReadTheSame() {
        BinaryWebSocketFrame frame = new BinaryWebSocketFrame(Unpooled.copiedBuffer(message("bin"),
                StandardCharsets.UTF_8));
        ch.writeInbound(frame);
        assertThat(frame.refCnt()).isZero();
        assertThat(session.delivered()).containsExactly("bin");
    }

    @Test
    void receiptsConnectedAndUnknownFramesAreNotDelivered() {
        receive(ch, "RECEIPT\nreceipt-id:77\n\n\0" + "CONNECTED\nversion:1.2\n\n\0" + "NOTIFY\nx:y\n\nbody\0"
                + message("after"));
        assertThat(session.trace()).containsExactly("deliver after");
    }

    @Test
    void anErrorOnAnOpenConnectionIsAProtocolErrorAndEndsReading() {
        receive(ch, message("before") + "ERROR\nmessage:queue deleted\n\n\0" + message("after"));
        receive(ch, message("later"));
        assertThat(session.trace()).containsExactly("deliver before", "violated protocol_error: STOMP ERROR: queue deleted");
    }

    @Test
    void anErrorMessageIsKeptToOneShortLine() {
        receive(ch, "ERROR\nmessage:" + "x".repeat(500) + "\tend\n\n\0");
        assertThat(session.trace()).containsExactly("violated protocol_error: STOMP ERROR: " + "x".repeat(200));
    }

    @Test
    void aContentLengthThatIsNotANumberIsMalformed() {
        receive(ch, "MESSAGE\ncontent-length:12a\n\nhello\0");
        assertThat(session.trace()).containsExactly(
                "violated protocol_malformed: a STOMP MESSAGE frame's content-length is not a number");
    }

    @Test
    void aBodyThatDoesNotEndWhereContentLengthSaysIsMalformed() {
        receive(ch, "MESSAGE\ncontent-length:2\n\nhello\0");
        assertThat(session.trace()).containsExactly("violated protocol_malformed: a STOMP MESSAGE frame's body does "
                + "not end with NUL where its content-length says");
    }

    @Test
    void onlyTheFirstContentLengthCounts() {
        receive(ch, "MESSAGE\ncontent-length:3\ncontent-length:1\n\na\0b\0");
        assertThat(session.delivered()).containsExactly("a\\0b");
    }

    @Test
    void aFrameSplitAcrossWebSocketMessagesIsDeliveredWhenItsNulArrives() {
        receive(ch, message("one") + "MESSAGE\nmessage-id:2\n\npart");
        receive(ch, "ial bo");
        assertThat(session.delivered()).containsExactly("one");
        receive(ch, "dy\0" + message("three"));
        assertThat(session.delivered()).containsExactly("one", "partial body", "three");
    }

    @Test
    void aSplitFrameWithContentLengthWaitsForAllItsBytes() {
        receive(ch, "MESSAGE\ncontent-length:5\n\na\0");
        receive(ch, "b\0");
        assertThat(session.trace()).isEmpty();
        receive(ch, "c\0\n");
        assertThat(session.delivered()).containsExactly("a\\0b\\0c");
    }

    @Test
    void aSplitFrameGrowingBeyondTheRunsMessageLimitIsTooLarge() {
        RecordingProtocolSession limited = RecordingProtocolSession.subscriber().limits(100, ReceiveBudget.DEFAULT_MAX_BYTES);
        EmbeddedChannel small = subscribed(protocol(), limited, "1.2", "0,0");
        String head = "MESSAGE\nmessage-id:1\n\n";
        receive(small, head + "y".repeat(50));
        receive(small, "y".repeat(100 - head.length() - 50));
        assertThat(limited.trace()).isEmpty();
        receive(small, "y");
        assertThat(limited.trace()).containsExactly("violated message_too_large: a STOMP frame split across "
                + "WebSocket messages is larger than 100 bytes (--max-message-bytes)");
        receive(small, message("ignored"));
        assertThat(limited.trace()).hasSize(1);
        small.finishAndReleaseAll();
    }

    @Test
    void aSplitFrameWhoseContentLengthIsBeyondTheLimitIsTooLargeAtOnce() {
        RecordingProtocolSession limited = RecordingProtocolSession.subscriber().limits(100, ReceiveBudget.DEFAULT_MAX_BYTES);
        EmbeddedChannel small = subscribed(protocol(), limited, "1.2", "0,0");
        receive(small, "MESSAGE\ncontent-length:500\n\nonly the start");
        assertThat(limited.trace()).singleElement().asString().startsWith("violated message_too_large");
        small.finishAndReleaseAll();
    }

    @Test
    void aWholeFrameLargerThanTheLimitIsReadInPlace() {
        RecordingProtocolSession limited = RecordingProtocolSession.subscriber().limits(100, ReceiveBudget.DEFAULT_MAX_BYTES);
        EmbeddedChannel small = subscribed(protocol(), limited, "1.2", "0,0");
        receive(small, message("z".repeat(300)));
        assertThat(limited.delivered()).containsExactly("z".repeat(300));
        small.finishAndReleaseAll();
    }

    @Test
    void aSplitFrameTheReceiveBudgetCannotHoldFailsTheConnectionAndGivesItsShareBack() {
        RecordingProtocolSession tight = RecordingProtocolSession.subscriber().limits(1 << 20, 10_000);
        EmbeddedChannel budgeted = subscribed(protocol(), tight, "1.2", "0,0");
        receive(budgeted, "MESSAGE\n\n" + "y".repeat(70_000));
        assertThat(tight.budget().drawnBytes()).isEqualTo(70_009 - ReceiveBudget.FREE_BYTES_PER_BUFFER);
        receive(budgeted, "y".repeat(10_000));
        assertThat(tight.trace()).containsExactly("violated local_receive_budget: the run's receive budget cannot "
                + "hold a STOMP frame of 80009 bytes split across WebSocket messages (--receive-budget)");
        assertThat(tight.budget().refusals()).isEqualTo(1);
        assertThat(tight.budget().drawnBytes()).isZero();
        budgeted.finishAndReleaseAll();
    }

    @Test
    void theShareOfASplitFrameIsGivenBackWhenTheFrameCompletesAndWhenTheConnectionEnds() {
        receive(ch, "MESSAGE\n\n" + "y".repeat(70_000));
        assertThat(session.budget().drawnBytes()).isPositive();
        receive(ch, "y\0");
        assertThat(session.delivered()).containsExactly("y".repeat(70_001));
        assertThat(session.budget().drawnBytes()).isZero();
        receive(ch, "MESSAGE\n\n" + "y".repeat(70_000));
        assertThat(session.budget().drawnBytes()).isPositive();
        ch.close();
        assertThat(session.budget().drawnBytes()).isZero();
    }

    @Test
    void aNulBeforeTheBodyIsMalformedWholeOrSplit() {
        receive(ch, "MESSAGE\nmessage-id:1\0\n\nbody\0");
        assertThat(session.trace()).containsExactly(
                "violated protocol_malformed: a STOMP frame ends (NUL) before its headers do");
        RecordingProtocolSession split = RecordingProtocolSession.subscriber();
        EmbeddedChannel other = subscribed(protocol(), split, "1.2", "0,0");
        receive(other, "MESSAGE\nmess");
        receive(other, "age-id:1\0\n\nbody\0");
        assertThat(split.trace()).isEqualTo(session.trace());
        other.finishAndReleaseAll();
    }

    @Test
    void aNulBeforeABadContentLengthIsTheProblemNamedWholeOrSplit() {
        String frame = "MESSAGE\0x\ncontent-length:'\n\nbody\0";
        receive(ch, frame);
        assertThat(session.trace()).containsExactly(
                "violated protocol_malformed: a STOMP frame ends (NUL) before its headers do");
        RecordingProtocolSession split = RecordingProtocolSession.subscriber();
        EmbeddedChannel other = subscribed(protocol(), split, "1.2", "0,0");
        receive(other, frame.substring(0, 4));
        receive(other, frame.substring(4));
        assertThat(split.trace()).isEqualTo(session.trace());
        other.finishAndReleaseAll();
    }

    @Test
    void theBufferOfASplitFrameIsLetGoWhenTheConnectionEnds() {
        TextWebSocketFrame start = new TextWebSocketFrame("MESSAGE\n\nunfinished");
        ch.writeInbound(start);
        ch.close();
        assertThat(session.trace()).isEmpty();
        // Netty's paranoid leak detector (on in every test run) reports the held buffer if it was not released.
    }

    @Test
    void messagesBeforeTheReceiptAreDelivered() {
        RecordingProtocolSession early = RecordingProtocolSession.subscriber();
        EmbeddedChannel other = StompFixture.start(protocol(), early);
        sent(other);
        receive(other, StompFixture.connected("1.2", "0,0"));
        sent(other);
        receive(other, message("early") + StompFixture.RECEIPT);
        assertThat(early.trace()).containsExactly("deliver early", "subscribed");
        other.finishAndReleaseAll();
    }
}
