package dev.herd.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.testing.RawHttpClient;
import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestWsClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP/1.1 keep-alive and pipelining: responses come back in request order even though publishes are answered
 * from the event loops that own their topics.
 */
class PipeliningEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final TargetFixture target = TargetFixture.create();

    @Test
    void mixedPipelinedRequestsAreAnsweredInOrder() {
        try (RawHttpClient http = RawHttpClient.connect(target.port(), WAIT)) {
            http.send(post("a", "1") + post("b", "1") + "GET /stats HTTP/1.1\r\nHost: t\r\n\r\n" + post("a", "2")
                    + "GET /nope HTTP/1.1\r\nHost: t\r\n\r\n" + post("b", "2"));
            assertThat(http.readResponse().bodyText()).isEqualTo("{\"id\":1}");
            assertThat(http.readResponse().bodyText()).isEqualTo("{\"id\":1}");
            assertThat(http.readResponse().bodyText()).startsWith("{\"connections\"");
            assertThat(http.readResponse().bodyText()).isEqualTo("{\"id\":2}");
            assertThat(http.readResponse().status()).isEqualTo(404);
            RawHttpClient.Response last = http.readResponse();
            assertThat(last.status()).isEqualTo(202);
            assertThat(last.bodyText()).isEqualTo("{\"id\":2}");
        }
    }

    @Test
    void hundredsOfPipelinedPublishesOverTwoTopicsKeepOrderAndNumbering() {
        int perTopic = 600; // 1200 requests in one write: past Netty's default depth limit (128) and PAUSE_AT (1024)
        try (TestWsClient a = TestWsClient.connect(target.wsUri("a"));
             TestWsClient b = TestWsClient.connect(target.wsUri("b"));
             RawHttpClient http = RawHttpClient.connect(target.port(), WAIT)) {
            StringBuilder requests = new StringBuilder();
            for (int i = 1; i <= perTopic; i++) {
                requests.append(post("a", "a" + i)).append(post("b", "b" + i));
            }
            http.send(requests.toString());
            for (int i = 1; i <= perTopic; i++) {
                assertThat(http.readResponse().bodyText()).isEqualTo("{\"id\":" + i + "}");
                assertThat(http.readResponse().bodyText()).isEqualTo("{\"id\":" + i + "}");
            }
            for (int i = 1; i <= perTopic; i++) {
                assertThat(a.next(WAIT).text()).isEqualTo("a" + i);
                assertThat(b.next(WAIT).text()).isEqualTo("b" + i);
            }
        }
        assertThat(target.stats().connections().accepted()).isEqualTo(3);
    }

    @Test
    void connectionCloseIsHonouredAfterTheResponse() {
        try (RawHttpClient http = RawHttpClient.connect(target.port(), WAIT)) {
            http.send("GET /stats HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            RawHttpClient.Response response = http.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(http.awaitEof()).isTrue();
        }
    }

    @Test
    void http10KeepAliveIsAnsweredWithKeepAlive() {
        try (RawHttpClient http = RawHttpClient.connect(target.port(), WAIT)) {
            http.send("GET /stats HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertThat(http.readResponse().header("Connection")).isEqualToIgnoringCase("keep-alive");
            http.send("GET /stats HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertThat(http.readResponse().status()).isEqualTo(200);
        }
    }

    private static String post(String topic, String body) {
        return "POST /pub/" + topic + " HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }
}
