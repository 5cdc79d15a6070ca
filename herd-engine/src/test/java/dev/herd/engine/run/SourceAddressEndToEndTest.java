package dev.herd.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionEvents;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.testing.Scenarios;
import dev.herd.broker.testing.TargetFixture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Clients bound to several loopback source addresses, in turn: each address has its own ephemeral ports. */
class SourceAddressEndToEndTest {

    @Test
    void clientsConnectFromEachGivenSourceAddressInTurn() throws Exception {
        List<InetAddress> sources = List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"));
        Map<String, AtomicInteger> bySource = new ConcurrentHashMap<>();
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            ClientOptions client = ClientOptions.defaults().withSourceAddresses(sources);
            Scenario scenario = new Scenario("steady", TargetUrl.parse(Scenarios.ws(target)), null, 20, 2, "topic-",
                    client, MessageSpec.defaults(),
                    List.of(new Stage.Connect(Duration.ofMillis(200), false, 0), new Stage.Hold(Duration.ofMillis(200))),
                    2);
            RunResult r = new Run(scenario, List.of()).sessionEvents(new SessionEvents() {
                @Override
                public void onOpen(ClientSession session, boolean reopened, long nowNanos) {
                    InetSocketAddress local = (InetSocketAddress) session.openChannel().localAddress();
                    bySource.computeIfAbsent(local.getAddress().getHostAddress(), k -> new AtomicInteger())
                            .incrementAndGet();
                }
            }).execute();

            assertThat(r.connections().established()).isEqualTo(20);
        }
        assertThat(bySource).containsOnlyKeys("127.0.0.2", "127.0.0.3");
        assertThat(bySource.get("127.0.0.2").get()).isEqualTo(10);
        assertThat(bySource.get("127.0.0.3").get()).isEqualTo(10);
    }
}
