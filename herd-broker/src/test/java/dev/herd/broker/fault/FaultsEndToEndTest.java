package dev.herd.broker.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.testing.RawHttpClient;
import dev.herd.broker.testing.SseStreamParser;
import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestSseClient;
import dev.herd.broker.testing.TestWsClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final TargetFixture target = TargetFixture.create();

    @Test
    void dropResetsThatFractionOfSubscribersWithoutACloseFrame() {
        List<TestWsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                clients.add(TestWsClient.connect(target.wsUri("d")));
            }
            RawHttpClient.Response response = target.admin("/admin/drop?fraction=0.5");
            assertThat(response.status()).isEqualTo(202);
            assertThat(response.bodyText()).isEqualTo("{\"dropped\":2}"); // floor(0.5 * 5)

            List<TestWsClient> dropped = new ArrayList<>();
            for (TestWsClient client : clients) {
                if (client.awaitClosed(Duration.ofMillis(500))) {
                    dropped.add(client);
                }
            }
            assertThat(dropped).hasSize(2);
            for (TestWsClient client : dropped) {
                assertThat(client.receivedCloseFrame()).isFalse();
                assertThat(client.error()).isInstanceOf(IOException.class);
                assertThat(client.error().getMessage()).containsIgnoringCase("reset");
            }
            target.publish("d", "still here");
            for (TestWsClient client : clients) {
                if (!dropped.contains(client)) {
                    assertThat(client.next(WAIT).text()).isEqualTo("still here");
                }
            }
            assertThat(target.stats().connections().closed().dropFault()).isEqualTo(2);
            assertThat(target.server().dropConnections(1.0)).isEqualTo(3);
        } finally {
            clients.forEach(TestWsClient::close);
        }
    }

    @Test
    void stallHoldsDeliveriesThenDeliversThemInOrder() {
        try (TestWsClient ws = TestWsClient.connect(target.wsUri("s"));
             TestSseClient sse = TestSseClient.connect(target.sseUri("s"))) {
            long stallSent = System.nanoTime();
            RawHttpClient.Response response = target.admin("/admin/stall?for=600ms");
            assertThat(response.status()).isEqualTo(202);
            assertThat(response.bodyText()).isEqualTo("{\"stall_ms\":600,\"freeze\":false}");
            for (int i = 1; i <= 3; i++) {
                assertThat(target.publish("s", "held " + i)).isEqualTo(i); // numbered at publish time
            }
            List<TestWsClient.Message> frames = ws.next(3, WAIT);
            List<SseStreamParser.Event> events = sse.next(3, WAIT);
            for (int i = 0; i < 3; i++) {
                assertThat(frames.get(i).text()).isEqualTo("held " + (i + 1));
                assertThat(events.get(i).idAsLong()).isEqualTo(i + 1);
                // The stall began after the request was sent, so nothing can arrive before sent + 600 ms.
                assertThat(TimeUnit.NANOSECONDS.toMillis(frames.get(i).receivedNanos() - stallSent))
                        .isGreaterThanOrEqualTo(600);
            }
        }
    }

    @Test
    void dropMessagesSkipsExactlyKDeliveriesToTheFirstSubscriberOnly() {
        try (TestWsClient first = TestWsClient.connect(target.wsUri("k"));
             TestWsClient second = TestWsClient.connect(target.wsUri("k"));
             TestSseClient third = TestSseClient.connect(target.sseUri("k"))) {
            RawHttpClient.Response response = target.admin("/admin/drop-messages?topic=k&count=3");
            assertThat(response.status()).isEqualTo(202);
            assertThat(response.bodyText()).isEqualTo("{\"subscriber\":\"127.0.0.1:" + first.localPort() + "\"}");
            for (int i = 1; i <= 10; i++) {
                target.publish("k", "m" + i);
            }
            assertThat(second.next(10, WAIT)).hasSize(10);
            assertThat(third.next(10, WAIT)).hasSize(10);
            assertThat(first.next(7, WAIT)).extracting(TestWsClient.Message::text)
                    .containsExactly("m4", "m5", "m6", "m7", "m8", "m9", "m10");
            assertThat(target.stats().messages().dropped()).isEqualTo(3);
            assertThat(target.stats().messages().deliveries()).isEqualTo(27);
        }
    }

    @Test
    void adminEndpointsRejectBadInput() {
        assertStatus("POST", "/admin/stall", 400, "missing parameter 'for'");
        assertStatus("POST", "/admin/stall?for=soon", 400, "parameter 'for'");
        assertStatus("POST", "/admin/restart?down=-1s", 400, "parameter 'down'");
        assertStatus("POST", "/admin/drop?fraction=1.5", 400, "parameter 'fraction'");
        assertStatus("POST", "/admin/drop-messages?topic=k", 400, "missing parameter 'count'");
        assertStatus("POST", "/admin/drop-messages?topic=bad*name&count=1", 400, "parameter 'topic'");
        assertStatus("POST", "/admin/drop-messages?topic=nobody&count=1", 409, "no subscriber");
        assertStatus("GET", "/admin/stall?for=1s", 405, "use POST");
        assertStatus("POST", "/admin/explode", 404, "/admin/explode");
    }

    private void assertStatus(String method, String path, int status, String reason) {
        RawHttpClient.Response response = RawHttpClient.exchange(target.port(), method, path, java.util.Map.of(), null);
        assertThat(response.status()).as("%s %s", method, path).isEqualTo(status);
        assertThat(response.bodyText()).contains(reason).endsWith("\n").hasLineCount(1);
    }
}
