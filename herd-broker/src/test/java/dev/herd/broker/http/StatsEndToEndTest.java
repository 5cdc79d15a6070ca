package dev.herd.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.broker.TargetStats;
import dev.herd.broker.testing.Poll;
import dev.herd.broker.testing.RawHttpClient;
import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestSseClient;
import dev.herd.broker.testing.TestWsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final TargetFixture target = TargetFixture.create();

    @Test
    void statsCountExactlyWhatTheTestDidUnderTheContractKeys() throws Exception {
        TestWsClient ws1 = TestWsClient.connect(target.wsUri("s"));
        try (TestWsClient ws2 = TestWsClient.connect(target.wsUri("s"));
             TestSseClient sse = TestSseClient.connect(target.sseUri("s"))) {
            for (int i = 1; i <= 5; i++) {
                target.publish("s", "m" + i); // each over its own connection, closed after the answer
            }
            ws1.next(5, WAIT);
            ws2.next(5, WAIT);
            sse.next(5, WAIT);
            awaitStats(s -> s.connections().closed().client() == 5);

            try (RawHttpClient http = RawHttpClient.connect(target.port(), WAIT)) {
                http.send("GET /stats HTTP/1.1\r\nHost: t\r\n\r\n");
                RawHttpClient.Response response = http.readResponse();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("Content-Type")).isEqualTo("application/json");
                JsonNode stats = new ObjectMapper().readTree(response.body());

                assertThat(fieldNames(stats)).containsExactly(
                        "connections", "messages", "bytes_queued", "topics", "slow_policy", "uptime_ms");
                JsonNode connections = stats.get("connections");
                assertThat(fieldNames(connections)).containsExactly("open", "accepted", "refused", "closed");
                assertThat(fieldNames(connections.get("open"))).containsExactly("ws", "sse", "http");
                assertThat(fieldNames(connections.get("closed"))).containsExactly("client", "restart", "drop_fault",
                        "slow_disconnect", "queue_overflow", "protocol_error", "error");
                assertThat(fieldNames(stats.get("messages"))).containsExactly("in", "deliveries", "deliveries_compressed",
                        "dropped", "replayed");

                assertThat(connections.at("/open/ws").asLong()).isEqualTo(2);
                assertThat(connections.at("/open/sse").asLong()).isEqualTo(1);
                assertThat(connections.at("/open/http").asLong()).isEqualTo(1); // this request's connection
                assertThat(connections.get("accepted").asLong()).isEqualTo(3 + 5 + 1);
                assertThat(connections.get("refused").asLong()).isZero();
                assertThat(connections.at("/closed/client").asLong()).isEqualTo(5);
                assertThat(connections.at("/closed/restart").asLong()).isZero();
                assertThat(stats.at("/messages/in").asLong()).isEqualTo(5);
                assertThat(stats.at("/messages/deliveries").asLong()).isEqualTo(15);
                assertThat(stats.at("/messages/dropped").asLong()).isZero();
                assertThat(stats.at("/messages/replayed").asLong()).isZero();
                assertThat(stats.get("topics").asLong()).isEqualTo(1);
                assertThat(stats.get("slow_policy").asText()).isEqualTo("buffer");
                assertThat(stats.get("bytes_queued").asLong()).isGreaterThanOrEqualTo(0);
                assertThat(stats.get("uptime_ms").asLong()).isGreaterThanOrEqualTo(0);
            }
            ws1.close();
            // Each close is accounted a moment after it happens, the /stats connection's as much as ws1's.
            TargetStats after = awaitStats(s -> s.connections().open().ws() == 1
                    && s.connections().closed().client() == 5 + 1 + 1); // publishers, /stats, ws1
            assertThat(after.connections().accepted()).isEqualTo(
                    after.connections().open().total() + after.connections().refused()
                            + after.connections().closed().total());
        }
    }

    private TargetStats awaitStats(Predicate<TargetStats> condition) {
        Poll.until(WAIT, () -> condition.test(target.stats()));
        TargetStats stats = target.stats();
        assertThat(condition.test(stats)).as("stats %s", stats).isTrue();
        return stats;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
