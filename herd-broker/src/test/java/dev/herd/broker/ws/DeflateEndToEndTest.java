package dev.herd.broker.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herd.broker.testing.SseStreamParser;
import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestSseClient;
import dev.herd.broker.testing.TestWsClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** permessage-deflate over real connections, with Netty's client compression handler on the other side. */
class DeflateEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final TargetFixture target = TargetFixture.configured(b -> b.maxFrameBytes(64 << 10));

    @Test
    void anOfferIsAcceptedWithServerNoContextTakeoverAndAPlainClientGetsNoExtension() {
        try (TestWsClient deflate = TestWsClient.connectOfferingDeflate(target.wsUri("news"));
             TestWsClient plain = TestWsClient.connect(target.wsUri("news"))) {
            assertThat(deflate.extensions()).isEqualTo("permessage-deflate; server_no_context_takeover");
            assertThat(plain.extensions()).isEmpty();
        }
    }

    @Test
    void compressedAndPlainSubscribersOfOneTopicBothGetEveryMessageAndStatsCountTheCompressedOnes() {
        try (TestWsClient deflate = TestWsClient.connectOfferingDeflate(target.wsUri("news"));
             TestWsClient plain = TestWsClient.connect(target.wsUri("news"))) {
            for (int i = 1; i <= 50; i++) {
                target.publish("news", "message " + i + " " + "padding ".repeat(i));
            }
            List<TestWsClient.Message> compressed = deflate.next(50, WAIT);
            List<TestWsClient.Message> uncompressed = plain.next(50, WAIT);
            for (int i = 1; i <= 50; i++) {
                String expected = "message " + i + " " + "padding ".repeat(i);
                assertThat(compressed.get(i - 1).text()).isEqualTo(expected);
                assertThat(uncompressed.get(i - 1).text()).isEqualTo(expected);
            }
            assertThat(target.stats().messages().deliveries()).isEqualTo(100);
            assertThat(target.stats().messages().deliveriesCompressed()).isEqualTo(50);
        }
    }

    @Test
    void compressedMessagesAClientSendsArePublishedDecompressed() {
        try (TestWsClient sender = TestWsClient.connectOfferingDeflate(target.wsUri("chat"));
             TestWsClient plain = TestWsClient.connect(target.wsUri("chat"));
             TestSseClient sse = TestSseClient.connect(target.sseUri("chat"))) {
            String big = "a chat line that compresses well. ".repeat(1000); // 34 KB, under maxFrameBytes
            sender.sendText("hello");
            sender.sendText(big);
            sender.sendBinary(new byte[] {1, 2, 3, 4});
            assertThat(plain.next(3, WAIT)).extracting(TestWsClient.Message::text)
                    .containsExactly("hello", big, new String(new byte[] {1, 2, 3, 4}));
            assertThat(sse.next(2, WAIT)).extracting(SseStreamParser.Event::data).containsExactly("hello", big);
            assertThat(target.stats().messages().in()).isEqualTo(3);
        }
    }

    @Test
    void aCompressedMessageLargerThanMaxFrameBytesOnceInflatedIsClosedWith1009() {
        try (TestWsClient sender = TestWsClient.connectOfferingDeflate(target.wsUri("chat"))) {
            sender.sendText("z".repeat(1 << 20)); // a megabyte that compresses to about a kilobyte
            assertThat(sender.awaitCloseCode(WAIT)).isEqualTo(1009);
            assertThat(sender.awaitClosed(WAIT)).isTrue();
        }
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(target.stats().connections().closed().protocolError()).isEqualTo(1));
        assertThat(target.stats().messages().in()).isZero();
    }
}
