package dev.herd.engine.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetUrlTest {

    @Test
    void aWebSocketTemplateResolvesPerTopic() {
        TargetUrl url = TargetUrl.parse("ws://127.0.0.1:8080/ws/{topic}?token=x");
        assertThat(url.isWebSocket()).isTrue();
        assertThat(url.tls()).isFalse();
        assertThat(url.port()).isEqualTo(8080);
        assertThat(url.forTopic("news").toString()).isEqualTo("ws://127.0.0.1:8080/ws/news?token=x");
        assertThat(url.requestTarget("news")).isEqualTo("/ws/news?token=x");
        assertThat(url.hostHeader()).isEqualTo("127.0.0.1:8080");
    }

    @Test
    void schemesGiveProtocolTlsAndDefaultPorts() {
        assertThat(TargetUrl.parse("wss://example.test/s").port()).isEqualTo(443);
        assertThat(TargetUrl.parse("wss://example.test/s").tls()).isTrue();
        assertThat(TargetUrl.parse("http://127.0.0.1/sse/{topic}").subscribeProtocol()).isEqualTo(Protocol.SSE);
        assertThat(TargetUrl.parse("https://example.test/sse").port()).isEqualTo(443);
        assertThat(TargetUrl.parse("http://example.test/sse").hostHeader()).isEqualTo("example.test");
    }

    @Test
    void ipv6LoopbackIsUnbracketedForConnectingAndBracketedInTheHostHeader() {
        TargetUrl url = TargetUrl.parse("ws://[::1]:9000/ws/{topic}");
        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.hostHeader()).isEqualTo("[::1]:9000");
    }

    @Test
    void badUrlsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> TargetUrl.parse("ftp://x/y")).hasMessageContaining("must start with ws://");
        assertThatThrownBy(() -> TargetUrl.parse("ws:///nohost")).hasMessageContaining("has no host");
        assertThatThrownBy(() -> TargetUrl.parse(" ")).hasMessageContaining("required");
        assertThatThrownBy(() -> TargetUrl.parse("ws://a b/")).hasMessageContaining("not a valid URL");
    }
}
