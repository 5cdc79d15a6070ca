package dev.herd.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.testing.Poll;
import dev.herd.broker.testing.RawHttpClient;
import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestSseClient;
import dev.herd.broker.testing.TestWsClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LimitsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aConnectionAboveMaxConnectionsGets503AndIsClosed() {
        try (TargetFixture target = TargetFixture.start(builder -> builder.maxConnections(2));
             TestSseClient sse = TestSseClient.connect(target.sseUri("t"))) {
            TestWsClient ws = TestWsClient.connect(target.wsUri("t"));
            assertThat(sse.status()).isEqualTo(200);
            try (RawHttpClient third = RawHttpClient.connect(target.port(), WAIT)) {
                third.send("GET /stats HTTP/1.1\r\nHost: t\r\n\r\n");
                RawHttpClient.Response response = third.readResponse();
                assertThat(response.status()).isEqualTo(503);
                assertThat(response.header("Connection")).isEqualTo("close");
                assertThat(third.awaitEof()).isTrue();
            }
            assertThat(target.stats().connections().refused()).isEqualTo(1);
            assertThat(target.stats().connections().open().total()).isEqualTo(2);
            ws.close();
            Poll.until(WAIT, () -> target.stats().connections().open().total() <= 1);
            assertThat(RawHttpClient.exchange(target.port(), "GET", "/stats", java.util.Map.of(), null).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void delayDefersEveryDeliveryByAtLeastTheDelay() {
        try (TargetFixture target = TargetFixture.start(b -> b.delay(Duration.ofMillis(50)));
             TestWsClient ws = TestWsClient.connect(target.wsUri("t"));
             TestSseClient sse = TestSseClient.connect(target.sseUri("t"))) {
            for (int i = 1; i <= 3; i++) {
                long sent = System.nanoTime();
                target.publish("t", "late " + i);
                TestWsClient.Message message = ws.next(WAIT);
                assertThat(message.text()).isEqualTo("late " + i);
                assertThat(TimeUnit.NANOSECONDS.toMillis(message.receivedNanos() - sent)).isGreaterThanOrEqualTo(50);
                assertThat(sse.next(WAIT).data()).isEqualTo("late " + i);
            }
        }
    }

    @Test
    void jitterNeverReordersATopic() {
        int count = 40;
        try (TargetFixture target = TargetFixture.start(b -> b.delay(Duration.ofMillis(2)).jitter(Duration.ofMillis(30)));
             TestWsClient ws = TestWsClient.connect(target.wsUri("t"));
             RawHttpClient http = RawHttpClient.connect(target.port(), WAIT)) {
            StringBuilder pipelined = new StringBuilder();
            for (int i = 1; i <= count; i++) {
                String body = Integer.toString(i);
                pipelined.append("POST /pub/t HTTP/1.1\r\nHost: t\r\nContent-Length: ").append(body.length())
                        .append("\r\n\r\n").append(body);
            }
            http.send(pipelined.toString());
            for (int i = 1; i <= count; i++) {
                assertThat(http.readResponse().bodyText()).isEqualTo("{\"id\":" + i + "}");
            }
            List<TestWsClient.Message> got = ws.next(count, WAIT);
            for (int i = 1; i <= count; i++) {
                assertThat(got.get(i - 1).text()).isEqualTo(Integer.toString(i));
            }
        }
    }
}
