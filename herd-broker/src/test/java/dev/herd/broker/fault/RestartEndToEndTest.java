package dev.herd.broker.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.broker.testing.RawHttpClient;
import dev.herd.broker.testing.SseStreamParser;
import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestSseClient;
import dev.herd.broker.testing.TestWsClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RestartEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final TargetFixture target = TargetFixture.create();

    @Test
    void restartClosesEveryoneProperlyRefusesDuringDownAndKeepsTopicState() throws Exception {
        TestWsClient ws = TestWsClient.connect(target.wsUri("news"));
        TestSseClient sse = TestSseClient.connect(target.sseUri("news"));
        try {
            target.publish("news", "before");
            assertThat(sse.next(WAIT).idAsLong()).isEqualTo(1);
            ws.next(WAIT);

            RawHttpClient.Response accepted = target.admin("/admin/restart?down=800ms");
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.bodyText()).isEqualTo("{\"down_ms\":800}");

            assertThat(ws.awaitCloseCode(WAIT)).isEqualTo(1012);
            assertThat(ws.awaitClosed(WAIT)).isTrue();
            assertThat(sse.awaitEnd(WAIT)).as("terminating chunk").isTrue();
            assertThat(sse.awaitClosed(WAIT)).isTrue();

            // Down: the kernel refuses the connection (nothing listens). The 800 ms started before the 202 was
            // read, so this attempt comes well inside it.
            assertThatThrownBy(() -> connect(target.port())).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("refused");

            awaitListening(target.port());
            assertThat(target.stats().connections().closed().restart()).isGreaterThanOrEqualTo(2);

            // Sequence numbers survived: the next message is 2, and a reconnecting SSE client gets it replayed.
            assertThat(target.publish("news", "after")).isEqualTo(2);
            try (TestSseClient again = TestSseClient.connect(target.sseUri("news"), Map.of("Last-Event-ID", "1"))) {
                assertThat(again.next(WAIT)).isEqualTo(new SseStreamParser.Event("2", "message", "after"));
            }
        } finally {
            ws.close();
            sse.close();
        }
    }

    @Test
    void theJavaApiRestartReturnsOnceEveryoneIsClosed() throws Exception {
        TestWsClient ws = TestWsClient.connect(target.wsUri("t"));
        try {
            target.server().restart(Duration.ofMillis(300));
            assertThat(target.stats().connections().open().ws()).isZero();
            assertThat(ws.awaitCloseCode(WAIT)).isEqualTo(1012);
            assertThatThrownBy(() -> connect(target.port())).isInstanceOf(ConnectException.class);
            awaitListening(target.port());
            try (TestWsClient back = TestWsClient.connect(target.wsUri("t"))) {
                target.publish("t", "hello again");
                assertThat(back.next(WAIT).text()).isEqualTo("hello again");
            }
        } finally {
            ws.close();
        }
    }

    @Test
    void aSecondRestartWhileOneRunsIsRefused() {
        // Every connection is closed by the first restart, so a second HTTP request cannot arrive during it
        // (except in a race, answered 409): use the API.
        target.server().restart(Duration.ofSeconds(1));
        assertThatThrownBy(() -> target.server().restart(Duration.ofMillis(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                connect(port);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not listening again within " + WAIT, e);
                }
                Thread.sleep(50);
            }
        }
    }
}
