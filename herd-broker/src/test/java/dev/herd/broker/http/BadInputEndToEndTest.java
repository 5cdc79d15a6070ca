package dev.herd.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.testing.Poll;
import dev.herd.broker.testing.RawHttpClient;
import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestWsClient;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad input gets its status or close code, and the target keeps serving. */
class BadInputEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @RegisterExtension
    final TargetFixture target = TargetFixture.configured(b -> b.maxFrameBytes(1024).maxPublishBytes(1024));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "GET  | /nope                  | 404",
        "GET  | /sse/                  | 404",
        "GET  | /sse/bad*name          | 404",
        "GET  | /sse/a/b               | 404",
        "GET  | /ws/bad%20name         | 404",
        "POST | /pub/with%2Fslash      | 404",
        "POST | /sse/t                 | 405",
        "GET  | /pub/t                 | 405",
        "POST | /stats                 | 405",
        "GET  | /ws/t                  | 400"
    })
    void plainRequestsGetTheirStatus(String method, String path, int status) {
        RawHttpClient.Response response = RawHttpClient.exchange(target.port(), method, path.trim(), Map.of(), null);
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.bodyText()).hasLineCount(1);
        if (status == 405) {
            assertThat(response.header("Allow")).isNotBlank();
        }
    }

    @Test
    void aTopicNameOfMoreThan128CharactersIs404() {
        String topic = "x".repeat(129);
        assertThat(RawHttpClient.exchange(target.port(), "GET", "/sse/" + topic, Map.of(), null).status()).isEqualTo(404);
        assertThat(target.publish("x".repeat(128), "fits")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing key          | GET  | /ws/t  | Upgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Version: 13 | 400",
        "malformed key        | GET  | /ws/t  | Upgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Version: 13\\r\\nSec-WebSocket-Key: short | 400",
        "wrong version        | GET  | /ws/t  | Upgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Version: 8\\r\\nSec-WebSocket-Key: " + KEY + " | 400",
        "not GET              | POST | /ws/t  | Upgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Version: 13\\r\\nSec-WebSocket-Key: " + KEY + " | 400",
        "no Connection token  | GET  | /ws/t  | Upgrade: websocket\\r\\nSec-WebSocket-Version: 13\\r\\nSec-WebSocket-Key: " + KEY + " | 400",
        "upgrade on /sse/     | GET  | /sse/t | Upgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Version: 13\\r\\nSec-WebSocket-Key: " + KEY + " | 400",
        "upgrade on /pub/     | POST | /pub/t | Upgrade: websocket\\r\\nConnection: Upgrade | 400",
        "h2c upgrade ignored  | GET  | /stats | Upgrade: h2c\\r\\nConnection: Upgrade, HTTP2-Settings\\r\\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA | 200",
        "upgrade elsewhere    | GET  | /chat  | Upgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Version: 13\\r\\nSec-WebSocket-Key: " + KEY + " | 404"
    })
    void malformedUpgradesGetTheirStatus(String name, String method, String path, String headers, int status) {
        try (RawHttpClient http = RawHttpClient.connect(target.port(), WAIT)) {
            String body = method.trim().equals("POST") ? "Content-Length: 0\r\n" : "";
            http.send(method.trim() + " " + path.trim() + " HTTP/1.1\r\nHost: t\r\n"
                    + headers.trim().replace("\\r\\n", "\r\n") + "\r\n" + body + "\r\n");
            RawHttpClient.Response response = http.readResponse();
            assertThat(response.status()).isEqualTo(status);
            if (name.startsWith("wrong version")) {
                assertThat(response.header("Sec-WebSocket-Version")).isEqualTo("13");
            }
        }
        assertThat(target.stats().connections().open().ws()).isZero();
    }

    @Test
    void aPublishBodyOverMaxPublishBytesIs413() {
        RawHttpClient.Response response =
                RawHttpClient.exchange(target.port(), "POST", "/pub/t", Map.of(), new byte[1025]);
        assertThat(response.status()).isEqualTo(413);
        assertThat(target.stats().messages().in()).isZero();
        assertThat(target.publish("t", new byte[1024], Map.of())).isEqualTo(1);
    }

    @Test
    void aChunkedPublishBodyOverMaxPublishBytesIs413() {
        try (RawHttpClient http = RawHttpClient.connect(target.port(), WAIT)) {
            http.send("POST /pub/t HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "400\r\n" + "a".repeat(1024) + "\r\n1\r\nb\r\n0\r\n\r\n");
            assertThat(http.readResponse().status()).isEqualTo(413);
        }
    }

    @Test
    void garbageInsteadOfAnHttpRequestIs400() {
        try (RawHttpClient http = RawHttpClient.connect(target.port(), WAIT)) {
            http.send("HELLO THERE\u0001\r\n\r\n");
            assertThat(http.readResponse().status()).isEqualTo(400);
            assertThat(http.awaitEof()).isTrue();
        }
    }

    @Test
    void aFrameOverMaxFrameBytesIsClosedWith1009() {
        try (TestWsClient ws = TestWsClient.connect(target.wsUri("t"))) {
            ws.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[1025])));
            assertThat(ws.awaitCloseCode(WAIT)).isEqualTo(1009);
            assertThat(ws.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void aFragmentedMessageOverMaxFrameBytesIsClosedWith1009() {
        try (TestWsClient ws = TestWsClient.connect(target.wsUri("t"))) {
            ws.send(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[600])));
            ws.send(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[600])));
            assertThat(ws.awaitCloseCode(WAIT)).isEqualTo(1009);
            assertThat(ws.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void aFragmentedMessageWithinMaxFrameBytesIsAggregated() {
        try (TestWsClient sender = TestWsClient.connect(target.wsUri("t"));
             TestWsClient receiver = TestWsClient.connect(target.wsUri("t"))) {
            sender.send(new TextWebSocketFrame(false, 0, Unpooled.copiedBuffer("hel", java.nio.charset.StandardCharsets.UTF_8)));
            sender.send(new ContinuationWebSocketFrame(true, 0, Unpooled.copiedBuffer("lo", java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(receiver.next(WAIT).text()).isEqualTo("hello");
        }
    }

    @Test
    void invalidUtf8InATextFrameIsClosedWith1007() {
        try (TestWsClient ws = TestWsClient.connect(target.wsUri("t"))) {
            ws.send(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'o', 'k', (byte) 0xC3, 0x28})));
            assertThat(ws.awaitCloseCode(WAIT)).isEqualTo(1007);
            assertThat(ws.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void protocolErrorsAreCountedAndTheTargetKeepsServing() {
        invalidUtf8InATextFrameIsClosedWith1007();
        aFrameOverMaxFrameBytesIsClosedWith1009();
        Poll.until(WAIT, () -> target.stats().connections().closed().protocolError() >= 2);
        assertThat(target.stats().connections().closed().protocolError()).isEqualTo(2);
        assertThat(target.stats().connections().closed().error()).isZero();
        try (TestWsClient ws = TestWsClient.connect(target.wsUri("ok"))) {
            target.publish("ok", "fine");
            assertThat(ws.next(WAIT).text()).isEqualTo("fine");
        }
    }

    @Test
    void pingsAreAnsweredAndAClientCloseIsEchoed() {
        try (TestWsClient ws = TestWsClient.connect(target.wsUri("t"))) {
            ws.send(new io.netty.handler.codec.http.websocketx.PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {7})));
            ws.send(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(4000, "bye"));
            assertThat(ws.awaitCloseCode(WAIT)).isEqualTo(4000);
            assertThat(ws.awaitClosed(WAIT)).isTrue();
        }
    }
}
