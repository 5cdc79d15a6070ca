package dev.herd.engine.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.testing.TargetFixture;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionEvents;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.run.Run;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.testing.Scenarios;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A raw WebSocket subscriber's decoder reads whole data frames in place once upgraded, with no message aggregator until
 * a fragmented message comes, and everything arrives.
 */
class InPlaceReadingEndToEndTest {

    @Test
    void rawSubscribersReadInPlaceAndReceiveEveryMessage() throws Exception {
        Map<Boolean, AtomicInteger> byMode = new ConcurrentHashMap<>();
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            Scenario scenario = Scenarios.scenario("broadcast", Scenarios.ws(target), null, 10, 1,
                    ReconnectPolicy.none(), List.of(new Stage.Connect(Duration.ofMillis(200), false, 0),
                            new Stage.Publish(50, Duration.ofSeconds(1), Duration.ofSeconds(2))));
            RunResult r = new Run(scenario, List.of()).sessionEvents(new SessionEvents() {
                @Override
                public void onOpen(ClientSession session, boolean reopened, long nowNanos) {
                    WsFrameDecoder decoder = session.openChannel().pipeline().get(WsFrameDecoder.class);
                    // no fragmented message yet, so no aggregator either
                    boolean inPlace = decoder != null && decoder.readsInPlace()
                            && session.openChannel().pipeline().get(WsMessageAggregator.class) == null;
                    byMode.computeIfAbsent(inPlace, k -> new AtomicInteger()).incrementAndGet();
                }
            }).execute();

            assertThat(r.messages().received()).isEqualTo(r.messages().expected()).isPositive();
        }
        assertThat(byMode).containsOnlyKeys(true);
        assertThat(byMode.get(true).get()).isEqualTo(10);
    }
}
