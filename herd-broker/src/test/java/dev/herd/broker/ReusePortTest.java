package dev.herd.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code --reuse-port}: two target processes (here two servers) share one port; the kernel spreads connections. */
class ReusePortTest {

    @Test
    void twoTargetsListenOnOnePortAndBothAcceptConnections() throws Exception {
        assumeTrue(Epoll.isAvailable(), "SO_REUSEPORT needs native epoll");
        TargetConfig first = TargetConfig.builder().port(0).reusePort(true).threads(1).build();
        try (TargetServer a = TargetServer.start(first);
             TargetServer b = TargetServer.start(first.toBuilder().port(a.localAddress().getPort()).build())) {
            assertThat(b.localAddress().getPort()).isEqualTo(a.localAddress().getPort());
            List<Socket> sockets = new ArrayList<>();
            try {
                // Connections from distinct local ports hash to either listener: 64 all landing on one is 2^-63.
                for (int i = 0; i < 64; i++) {
                    sockets.add(new Socket("127.0.0.1", a.localAddress().getPort()));
                }
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                        a.stats().connections().accepted() + b.stats().connections().accepted() == 64);
                assertThat(a.stats().connections().accepted()).isPositive();
                assertThat(b.stats().connections().accepted()).isPositive();
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }

    @Test
    void withoutReusePortTheSecondTargetCannotListen() {
        try (TargetServer a = TargetServer.start(TargetConfig.builder().port(0).threads(1).build())) {
            InetSocketAddress taken = a.localAddress();
            assertThatThrownBy(() -> TargetServer.start(TargetConfig.builder().port(taken.getPort()).threads(1).build()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot listen");
        }
    }
}
