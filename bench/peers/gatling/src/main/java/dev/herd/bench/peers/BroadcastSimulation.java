package dev.herd.bench.peers;

import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * The broadcast: N WebSocket subscribers on one channel open within the connect window and stay for the hold time,
 * taking what the server pushes (bench/peers/publish.py publishes) the way Gatling consumes unsolicited messages:
 * buffered per user and processed once a second. Each message is counted and its latency taken from the time Gatling
 * stamped on its arrival, so the once-a-second processing does not add to it.
 */
public class BroadcastSimulation extends Simulation {
    private static final ActionBuilder TAKE_MESSAGES = ws.processUnmatchedMessages((messages, session) -> {
        Deliveries.record(messages);
        return session;
    });

    private final ScenarioBuilder broadcast = scenario("broadcast")
            .exec(ws("connect").connect("/ws/broadcast"))
            .during(Workload.seconds("hold")).on(pause(Duration.ofSeconds(1)).exec(TAKE_MESSAGES))
            .exec(TAKE_MESSAGES)
            .exec(ws("close").close());

    {
        setUp(broadcast.injectOpen(rampUsers(Workload.clients()).during(Workload.seconds("within"))))
                .protocols(http.wsBaseUrl(Workload.baseUrl()).wsUnmatchedInboundMessageBufferSize(1_000));
    }

    @Override
    public void after() {
        System.out.println(Deliveries.summary());
    }
}
