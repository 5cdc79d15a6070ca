package dev.herd.broker.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.TargetStats;
import dev.herd.broker.testing.Poll;
import dev.herd.broker.testing.SseStreamParser;
import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestSseClient;
import dev.herd.broker.testing.TestWsClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Each slow policy with one subscriber that stops reading (small receive buffer, reading paused) next to
 * healthy ones on the same topic. Loopback socket buffers absorb megabytes, so the test publishes 8 MiB in
 * 128 KiB messages: enough to back the stalled subscriber up into the target's own outbound buffer. Each message is
 * published once the healthy subscribers have the one before, so that they stay healthy however slow the machine
 * (published all at once on a busy machine, a healthy reader fell behind by more than the queue limit too).
 */
class SlowSubscriberEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MESSAGES = 64;
    private static final int MESSAGE_BYTES = 128 << 10;
    private static final int SMALL_RECEIVE_BUFFER = 4096;

    @Test
    void bufferPolicyDisconnectsASubscriberWhoseQueuePassesMaxQueueBytes() {
        try (TargetFixture target = TargetFixture.start(b -> b
                .slowPolicy(SlowSubscriberPolicy.BUFFER).maxQueueBytes(512 << 10).maxPublishBytes(1 << 20));
             TestWsClient healthy = TestWsClient.connect(target.wsUri("t"));
             TestSseClient healthySse = TestSseClient.connect(target.sseUri("t"));
             TestWsClient stalled = TestWsClient.connect(target.wsUri("t"), SMALL_RECEIVE_BUFFER)) {
            stalled.pauseReading();
            publishInStepWith(target, healthy, healthySse);

            assertThat(awaitStats(target, s -> s.connections().closed().queueOverflow() == 1)).isTrue();
            stalled.resumeReading();
            assertThat(stalled.awaitClosed(WAIT)).isTrue();
            // The 1008 close frame is best effort: it queues behind everything the stalled client never read.
            if (stalled.receivedCloseFrame()) {
                assertThat(stalled.awaitCloseCode(WAIT)).isEqualTo(1008);
            }
            TargetStats stats = target.stats();
            assertThat(stats.messages().dropped()).isZero();
            assertThat(stats.connections().open().ws()).isEqualTo(1);
        }
    }

    @Test
    void bufferPolicyEndsASlowSseStreamToo() {
        try (TargetFixture target = TargetFixture.start(b -> b
                .slowPolicy(SlowSubscriberPolicy.BUFFER).maxQueueBytes(512 << 10));
             TestWsClient healthy = TestWsClient.connect(target.wsUri("t"));
             TestSseClient stalled = TestSseClient.connect(target.sseUri("t"), Map.of(), SMALL_RECEIVE_BUFFER)) {
            stalled.pauseReading();
            publishInStepWith(target, healthy, null);
            assertThat(awaitStats(target, s -> s.connections().closed().queueOverflow() == 1)).isTrue();
            assertThat(target.stats().connections().open().sse()).isZero();
            stalled.resumeReading();
            assertThat(stalled.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void dropPolicySkipsMessagesForTheStalledSubscriberOnlyAndKeepsItConnected() {
        try (TargetFixture target = TargetFixture.start(b -> b.slowPolicy(SlowSubscriberPolicy.DROP));
             TestWsClient healthy = TestWsClient.connect(target.wsUri("t"));
             TestSseClient healthySse = TestSseClient.connect(target.sseUri("t"));
             TestWsClient stalled = TestWsClient.connect(target.wsUri("t"), SMALL_RECEIVE_BUFFER)) {
            stalled.pauseReading();
            publishInStepWith(target, healthy, healthySse);

            TargetStats stats = target.stats();
            long dropped = stats.messages().dropped();
            assertThat(dropped).isPositive();
            assertThat(stats.connections().open().ws()).isEqualTo(2);
            assertThat(stats.messages().deliveries()).isEqualTo(3L * MESSAGES - dropped);

            // Reading again, it gets what was not dropped, in order, and stays connected.
            stalled.resumeReading();
            int expectedCount = (int) (MESSAGES - dropped);
            List<TestWsClient.Message> got = stalled.next(expectedCount, WAIT);
            int previous = 0;
            for (TestWsClient.Message message : got) {
                int index = indexOf(message.bytes());
                assertThat(index).isGreaterThan(previous);
                previous = index;
            }
            assertThat(stalled.channel().isActive()).isTrue();
        }
    }

    @Test
    void disconnectPolicyClosesASubscriberUnwritableForLongerThanSlowTimeout() {
        try (TargetFixture target = TargetFixture.start(b -> b
                .slowPolicy(SlowSubscriberPolicy.DISCONNECT).slowTimeout(Duration.ofMillis(300))
                .maxQueueBytes(64L << 20));
             TestWsClient healthy = TestWsClient.connect(target.wsUri("t"));
             TestSseClient healthySse = TestSseClient.connect(target.sseUri("t"));
             TestWsClient stalled = TestWsClient.connect(target.wsUri("t"), SMALL_RECEIVE_BUFFER)) {
            stalled.pauseReading();
            publishInStepWith(target, healthy, healthySse);
            assertThat(awaitStats(target, s -> s.connections().closed().slowDisconnect() == 1)).isTrue();
            stalled.resumeReading();
            assertThat(stalled.awaitClosed(WAIT)).isTrue();
            // The 1008 close frame is best effort: it queues behind everything the stalled client never read.
            if (stalled.receivedCloseFrame()) {
                assertThat(stalled.awaitCloseCode(WAIT)).isEqualTo(1008);
            }
            TargetStats stats = target.stats();
            assertThat(stats.connections().closed().queueOverflow()).isZero();
            assertThat(stats.messages().dropped()).isZero();
            assertThat(stats.slowPolicy()).isEqualTo(SlowSubscriberPolicy.DISCONNECT);
        }
    }

    /**
     * Publishes MESSAGES messages of MESSAGE_BYTES, each starting with "#index:", each once the healthy subscribers
     * ({@code sse} may be null) have received the one before, in order.
     */
    private static void publishInStepWith(TargetFixture target, TestWsClient ws, TestSseClient sse) {
        for (int i = 1; i <= MESSAGES; i++) {
            byte[] body = new byte[MESSAGE_BYTES];
            Arrays.fill(body, (byte) '.');
            byte[] prefix = ("#" + i + ":").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            assertThat(target.publish("t", body, Map.of())).isEqualTo(i);
            assertThat(indexOf(ws.next(WAIT).bytes())).isEqualTo(i);
            if (sse != null) {
                SseStreamParser.Event event = sse.next(WAIT);
                assertThat(event.idAsLong()).isEqualTo(i);
                assertThat(event.data()).startsWith("#" + i + ":").hasSize(MESSAGE_BYTES);
            }
        }
    }

    private static int indexOf(byte[] message) {
        String head = new String(message, 0, 16, StandardCharsets.US_ASCII);
        return Integer.parseInt(head.substring(1, head.indexOf(':')));
    }

    private static boolean awaitStats(TargetFixture target, Predicate<TargetStats> condition) {
        return Poll.until(WAIT, () -> condition.test(target.stats()));
    }
}
