package dev.herd.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.testing.SseStreamParser;
import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestSseClient;
import dev.herd.broker.testing.TestWsClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PubSubEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final TargetFixture target = TargetFixture.create();

    @Test
    void websocketAndSseSubscribersReceiveWhatIsPublishedInOrderWithIds() {
        try (TestWsClient ws = TestWsClient.connect(target.wsUri("news"));
             TestSseClient sse = TestSseClient.connect(target.sseUri("news"))) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.headers().get("Content-Type")).isEqualTo("text/event-stream");
            assertThat(sse.headers().get("Cache-Control")).isEqualTo("no-cache");
            for (int i = 1; i <= 20; i++) {
                assertThat(target.publish("news", "message " + i)).isEqualTo(i);
            }
            List<TestWsClient.Message> frames = ws.next(20, WAIT);
            List<SseStreamParser.Event> events = sse.next(20, WAIT);
            for (int i = 1; i <= 20; i++) {
                assertThat(frames.get(i - 1).text()).isEqualTo("message " + i);
                assertThat(frames.get(i - 1).binary()).isFalse();
                assertThat(events.get(i - 1).data()).isEqualTo("message " + i);
                assertThat(events.get(i - 1).idAsLong()).isEqualTo(i);
            }
            assertThat(sse.retryMillis()).isEqualTo(1000);
        }
    }

    @Test
    void topicsAreIndependentAndNumberedFromOne() {
        try (TestWsClient a = TestWsClient.connect(target.wsUri("a"));
             TestWsClient b = TestWsClient.connect(target.wsUri("b"))) {
            assertThat(target.publish("a", "a1")).isEqualTo(1);
            assertThat(target.publish("b", "b1")).isEqualTo(1);
            assertThat(target.publish("a", "a2")).isEqualTo(2);
            assertThat(a.next(2, WAIT)).extracting(TestWsClient.Message::text).containsExactly("a1", "a2");
            assertThat(b.next(WAIT).text()).isEqualTo("b1");
        }
    }

    @Test
    void multiLineMessageReachesSseAsSeveralDataLinesAndWebSocketUnchanged() {
        try (TestWsClient ws = TestWsClient.connect(target.wsUri("lines"));
             TestSseClient sse = TestSseClient.connect(target.sseUri("lines"))) {
            target.publish("lines", "one\ntwo\r\nthree");
            assertThat(ws.next(WAIT).text()).isEqualTo("one\ntwo\r\nthree");
            assertThat(sse.next(WAIT).data()).isEqualTo("one\ntwo\nthree");
        }
    }

    @Test
    void octetStreamOrInvalidUtf8BodyIsABinaryFrame() {
        try (TestWsClient ws = TestWsClient.connect(target.wsUri("bin"))) {
            target.publish("bin", "declared".getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/octet-stream"));
            target.publish("bin", new byte[] {(byte) 0xff, 0x00, (byte) 0xc3}, Map.of());
            target.publish("bin", "plain".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "text/plain"));
            List<TestWsClient.Message> frames = ws.next(3, WAIT);
            assertThat(frames).extracting(TestWsClient.Message::binary).containsExactly(true, true, false);
            assertThat(frames.get(1).bytes()).containsExactly((byte) 0xff, 0x00, (byte) 0xc3);
        }
    }

    @Test
    void aWebSocketClientsFramesReachTheOtherSubscribersButNotItself() throws Exception {
        try (TestWsClient sender = TestWsClient.connect(target.wsUri("chat"));
             TestWsClient other = TestWsClient.connect(target.wsUri("chat"));
             TestSseClient sse = TestSseClient.connect(target.sseUri("chat"))) {
            sender.sendText("hi all");
            sender.sendBinary(new byte[] {1, 2, 3});
            List<TestWsClient.Message> got = other.next(2, WAIT);
            assertThat(got.get(0).text()).isEqualTo("hi all");
            assertThat(got.get(0).binary()).isFalse();
            assertThat(got.get(1).binary()).isTrue();
            assertThat(got.get(1).bytes()).containsExactly(1, 2, 3);
            assertThat(sse.next(WAIT)).isEqualTo(new SseStreamParser.Event("1", "message", "hi all"));
            // A later publish arrives at the sender, so anything of its own would have come before it.
            target.publish("chat", "marker");
            assertThat(sender.next(WAIT).text()).isEqualTo("marker");
            assertThat(sender.poll(Duration.ZERO)).isNull();
        }
    }

    @Test
    void echoSendsAClientsFramesBackToIt() {
        try (TargetFixture echoing = TargetFixture.start(b -> b.echo(true));
             TestWsClient sender = TestWsClient.connect(echoing.wsUri("chat"))) {
            sender.sendText("me too");
            assertThat(sender.next(WAIT).text()).isEqualTo("me too");
        }
    }
}
