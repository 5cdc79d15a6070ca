package dev.herd.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.herd.engine.client.TargetUrl;
import java.net.InetAddress;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LoopbackSourcesTest {

    @Test
    void anIpv4LoopbackTargetOnLinuxGetsEightSourceAddresses() {
        assumeThat(System.getProperty("os.name").toLowerCase(Locale.ROOT)).contains("linux");
        assertThat(LoopbackSources.forTarget(TargetUrl.parse("ws://127.0.0.1:8080/ws/{topic}")))
                .extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7",
                        "127.0.0.8", "127.0.0.9");
    }

    @Test
    void otherTargetsLeaveTheChoiceToTheSystem() {
        assertThat(LoopbackSources.forTarget(TargetUrl.parse("ws://localhost:8080/ws"))).isEmpty();
        assertThat(LoopbackSources.forTarget(TargetUrl.parse("ws://[::1]:8080/ws"))).isEmpty();
        assertThat(LoopbackSources.forTarget(TargetUrl.parse("wss://example.test/ws"))).isEmpty();
    }
}
