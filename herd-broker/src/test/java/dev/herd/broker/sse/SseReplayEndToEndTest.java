package dev.herd.broker.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.testing.Poll;
import dev.herd.broker.testing.RawHttpClient;
import dev.herd.broker.testing.SseStreamParser;
import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestSseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SseReplayEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final TargetFixture target = TargetFixture.configured(b -> b.replaySize(4));

    @Test
    void lastEventIdReplaysExactlyTheMissedEventsBeforeLiveOnes() {
        for (int i = 1; i <= 3; i++) {
            target.publish("news", "m" + i);
        }
        try (TestSseClient sse = TestSseClient.connect(target.sseUri("news"), Map.of("Last-Event-ID", "1"))) {
            target.publish("news", "m4");
            assertThat(sse.next(3, WAIT)).containsExactly(
                    new SseStreamParser.Event("2", "message", "m2"),
                    new SseStreamParser.Event("3", "message", "m3"),
                    new SseStreamParser.Event("4", "message", "m4"));
        }
        assertThat(target.stats().messages().replayed()).isEqualTo(2);
    }

    @Test
    void anIdOlderThanTheBufferFirstGetsReplayTruncatedWithWhatWasLost() {
        for (int i = 1; i <= 10; i++) {
            target.publish("news", "m" + i);
        }
        // The buffer holds 7..10; the client saw up to 2, so 3..6 are lost.
        try (TestSseClient sse = TestSseClient.connect(target.sseUri("news"), Map.of("Last-Event-ID", "2"))) {
            SseStreamParser.Event truncated = sse.next(WAIT);
            assertThat(truncated.event()).isEqualTo("replay-truncated");
            assertThat(truncated.data()).isEqualTo("{\"requested\":2,\"oldest\":7,\"lost\":4}");
            assertThat(sse.next(4, WAIT)).extracting(SseStreamParser.Event::data).containsExactly("m7", "m8", "m9", "m10");
        }
    }

    @Test
    void aNonNumericLastEventIdStartsLiveWithoutReplay() throws Exception {
        target.publish("news", "old");
        try (TestSseClient sse = TestSseClient.connect(target.sseUri("news"), Map.of("Last-Event-ID", "abc"))) {
            target.publish("news", "new");
            assertThat(sse.next(WAIT)).isEqualTo(new SseStreamParser.Event("2", "message", "new"));
            assertThat(sse.poll(Duration.ofMillis(50))).isNull();
        }
    }

    /**
     * Clients reconnect with Last-Event-ID while a publisher runs flat out: each must see one unbroken run of
     * ids from its Last-Event-ID on, with no gap or duplicate between the replay and the live events.
     */
    @Test
    void replayAndLiveJoinWithoutGapOrDuplicateUnderConcurrentPublishing() throws Exception {
        int published = 300;
        try (TargetFixture big = TargetFixture.start(b -> b.replaySize(1024))) {
            AtomicBoolean failed = new AtomicBoolean();
            AtomicInteger acknowledged = new AtomicInteger();
            Thread publisher = new Thread(() -> {
                try (RawHttpClient http = RawHttpClient.connect(big.port(), WAIT)) {
                    for (int i = 1; i <= published; i++) {
                        http.send("POST /pub/live HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nx");
                        if (http.readResponse().status() != 202) {
                            failed.set(true);
                        }
                        acknowledged.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failed.set(true);
                }
            }, "publisher");
            publisher.start();
            List<TestSseClient> clients = new ArrayList<>();
            List<Long> from = new ArrayList<>();
            try {
                for (int c = 0; c < 8; c++) {
                    long lastEventId = c * 20L;
                    // An id the topic has not issued yet would mean "start live": ask only for ids that exist.
                    long wanted = lastEventId;
                    Poll.until(WAIT, () -> acknowledged.get() >= wanted);
                    from.add(lastEventId);
                    clients.add(TestSseClient.connect(big.sseUri("live"), Map.of("Last-Event-ID", Long.toString(lastEventId))));
                }
                publisher.join(WAIT.toMillis());
                assertThat(failed).isFalse();
                for (int c = 0; c < clients.size(); c++) {
                    long expected = from.get(c) + 1;
                    for (long id = expected; id <= published; id++) {
                        assertThat(clients.get(c).next(WAIT).idAsLong()).as("client %d", c).isEqualTo(id);
                    }
                    assertThat(clients.get(c).poll(Duration.ofMillis(20))).isNull();
                }
            } finally {
                clients.forEach(TestSseClient::close);
            }
        }
    }

    @Test
    void heartbeatsAreCommentsAtTheConfiguredPeriod() {
        try (TargetFixture fast = TargetFixture.start(b -> b.sseHeartbeat(Duration.ofMillis(50)).sseRetry(Duration.ofMillis(250)));
             TestSseClient sse = TestSseClient.connect(fast.sseUri("quiet"))) {
            Poll.until(WAIT, () -> sse.comments().size() >= 2);
            assertThat(sse.comments()).hasSizeGreaterThanOrEqualTo(2).allMatch("hb"::equals);
            assertThat(sse.retryMillis()).isEqualTo(250);
        }
    }
}
