package dev.herd.engine.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.run.Run;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.testing.TimingSensitive;
import dev.herd.broker.TargetStats;
import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestWsClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Broadcast with herd's clients offering permessage-deflate to the reference target: the target compresses
 * what it sends to them and inflates what herd's WebSocket publishers send, and every count stays exact.
 */
@ExtendWith(TimingSensitive.class)
class DeflateBroadcastEndToEndTest {

    private static final int SUBSCRIBERS = 40;
    private static final int TOPICS = 2;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void everyMessageArrivesAndTheTargetSentEveryDeliveryCompressed() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            RunResult r = broadcast(target);

            assertExact(r);
            TargetStats.Messages seen = target.stats().messages();
            // Compression was negotiated: the target wrote each delivery as a permessage-deflate frame...
            assertThat(seen.deliveries()).isEqualTo(r.messages().expected());
            assertThat(seen.deliveriesCompressed()).isEqualTo(r.messages().expected());
            // ...and inflated every message herd's WebSocket publishers sent compressed.
            assertThat(seen.in()).isEqualTo(r.messages().published());
        }
    }

    @Test
    void compressedAndPlainSubscribersSharingTopicsBothReceiveEverything() {
        try (TargetFixture target = TargetFixture.start(b -> b);
             TestWsClient plain0 = TestWsClient.connect(target.wsUri("topic-0"));
             TestWsClient plain1 = TestWsClient.connect(target.wsUri("topic-1"))) {
            RunResult r = broadcast(target);

            assertExact(r);
            long published = r.messages().published();
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(target.stats().messages().deliveries()).isEqualTo(r.messages().expected() + published));
            List<TestWsClient.Message> plainReceived = plain0.drain();
            plainReceived.addAll(plain1.drain());
            assertThat(plainReceived).hasSize((int) published);
            assertThat(plainReceived).allSatisfy(m -> assertThat(m.text()).startsWith("~h1."));
            assertThat(target.stats().messages().deliveriesCompressed()).isEqualTo(r.messages().expected());
        }
    }

    /** 40 deflate-offering subscribers over 2 topics, WebSocket publishers, 100 messages/s for 2 s. */
    private static RunResult broadcast(TargetFixture target) {
        ClientOptions client = ClientOptions.defaults().withPermessageDeflate(true).withReconnect(ReconnectPolicy.none());
        Scenario scenario = new Scenario("broadcast", TargetUrl.parse("ws://127.0.0.1:" + target.port() + "/ws/{topic}"),
                null, SUBSCRIBERS, TOPICS, "topic-", client, MessageSpec.defaults(),
                List.of(new Stage.Connect(Duration.ofMillis(500), false, 0),
                        new Stage.Publish(100, Duration.ofSeconds(2), Duration.ofSeconds(3))),
                2);
        return new Run(scenario, List.of()).execute();
    }

    private static void assertExact(RunResult r) {
        assertThat(r.connections().established()).isEqualTo(SUBSCRIBERS);
        assertThat(r.connections().failed()).isZero();
        assertThat(r.messages().published()).isEqualTo(200);
        assertThat(r.messages().expected()).isEqualTo(200L * SUBSCRIBERS / TOPICS);
        assertThat(r.messages().received()).isEqualTo(r.messages().expected());
        assertThat(r.messages().lost()).isZero();
        assertThat(r.messages().duplicated()).isZero();
        assertThat(r.messages().reordered()).isZero();
        assertThat(r.messages().publishFailed()).isZero();
    }
}
