package dev.herd.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.HistogramSummary;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.testing.TimingSensitive;
import dev.herd.engine.testing.Accuracy;
import dev.herd.broker.testing.TargetFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Broadcast against the reference target on an ephemeral loopback port: 2 topics × 50 subscribers,
 * 200 messages/s for 3 s. Every count is exact.
 */
@ExtendWith(TimingSensitive.class)
class BroadcastEndToEndTest {

    private static final int SUBSCRIBERS = 100;
    private static final int TOPICS = 2;

    @Test
    void overWebSocketEveryPublishedMessageReachesEverySubscriberOfItsTopic() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            RunResult r = run(target, "ws://127.0.0.1:" + target.port() + "/ws/{topic}", null);
            assertExact(r);
            assertThat(r.target().protocol()).isEqualTo("websocket");
        }
    }

    @Test
    void overSseWithHttpPublishEveryPublishedMessageReachesEverySubscriberOfItsTopic() {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            RunResult r = run(target, "http://127.0.0.1:" + target.port() + "/sse/{topic}",
                    "http://127.0.0.1:" + target.port() + "/pub/{topic}");
            assertExact(r);
            assertThat(r.target().protocol()).isEqualTo("sse");
            assertThat(r.publishers().protocol()).isEqualTo("http");
        }
    }

    @Test
    void aTargetThatDelaysDeliveryBy20msGivesAMedianLatencyOf20To30ms() {
        try (TargetFixture target = TargetFixture.start(b -> b.delay(Duration.ofMillis(20)))) {
            RunResult r = run(target, "ws://127.0.0.1:" + target.port() + "/ws/{topic}", null);
            assertThat(r.messages().lost()).isZero();
            // Above the delay by at most 10 ms, plus twice the lateness herd reports of itself on a busy machine (the
            // target in this JVM is late by about as much).
            Accuracy.orVerdict(r, () -> assertThat(r.latency().p50()).as("%s", r.generator())
                    .isBetween(20.0, 30.0 + 2 * r.generator().eventLoopLagP99Ms()));
            assertThat(r.latency().min()).isGreaterThanOrEqualTo(20.0);
        }
    }

    private static RunResult run(TargetFixture target, String url, String publishUrl) {
        ClientOptions client = ClientOptions.defaults().withReconnect(ReconnectPolicy.none());
        Scenario scenario = new Scenario("broadcast", TargetUrl.parse(url),
                publishUrl == null ? null : TargetUrl.parse(publishUrl), SUBSCRIBERS, TOPICS, "topic-", client,
                MessageSpec.defaults(),
                List.of(new Stage.Connect(Duration.ofMillis(500), false, 0),
                        new Stage.Publish(200, Duration.ofSeconds(3), Duration.ofSeconds(3))),
                2);
        return new Run(scenario, List.of()).execute();
    }

    private static void assertExact(RunResult r) {
        assertThat(r.connections().attempted()).isEqualTo(SUBSCRIBERS);
        assertThat(r.connections().established()).isEqualTo(SUBSCRIBERS);
        assertThat(r.connections().failed()).isZero();
        assertThat(r.connections().peakOpen()).isEqualTo(SUBSCRIBERS);
        assertThat(r.messages().published()).isEqualTo(600);
        assertThat(r.messages().expected()).isEqualTo(600L * SUBSCRIBERS / TOPICS);
        assertThat(r.messages().received()).isEqualTo(r.messages().expected());
        assertThat(r.messages().lost()).isZero();
        assertThat(r.messages().duplicated()).isZero();
        assertThat(r.messages().reordered()).isZero();
        assertThat(r.messages().publishFailed()).isZero();
        assertThat(r.messages().publishSkipped()).isZero();
        assertThat(r.latency().count()).isEqualTo(r.messages().received());
        assertThat(r.serviceTime().count()).isEqualTo(r.messages().received());
        for (Map.Entry<String, HistogramSummary> phase : r.connect().entrySet()) {
            if (!phase.getKey().equals("reconnect")) {
                assertThat(phase.getValue().count()).as("connect.%s count", phase.getKey()).isEqualTo(SUBSCRIBERS);
            }
        }
        assertThat(r.connect()).doesNotContainKey("tls");
        assertThat(r.connect().get("reconnect").count()).isZero();
    }
}
