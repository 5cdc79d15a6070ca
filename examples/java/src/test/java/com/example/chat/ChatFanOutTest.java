package com.example.chat;

import dev.herd.api.Herd;
import dev.herd.engine.result.RunResult;
import dev.herd.junit.HerdAssertions;
import dev.herd.junit.ReferenceTargetExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A load test that lives with the service's own tests: 200 subscribers over 4 rooms receive 200 messages a second for
 * three seconds, and the run must lose nothing and keep p99 latency under 250 ms (judged when herd could keep up).
 */
class ChatFanOutTest {

    /** Stands in for the service under test; a real suite starts its own server, or points at a test deployment. */
    @RegisterExtension
    static ReferenceTargetExtension chat = new ReferenceTargetExtension();

    @Test
    void everySubscriberGetsEveryMessageQuickly() {
        RunResult result = Herd.broadcast()
                .url(chat.webSocketUrl())
                .subscribers(200)
                .topics(4)
                .rate(200)
                .duration(Duration.ofSeconds(3))
                .threshold("messages.lost == 0")
                .run();

        HerdAssertions.assertThat(result)
                .passed().lostNothing().receivedEverything().noFailedConnections() // exact on any machine
                .assumingTrustworthy()         // a saturated CI runner measures itself: herd says so, latency is not judged
                .latencyP99Below(Duration.ofMillis(250));
    }
}
