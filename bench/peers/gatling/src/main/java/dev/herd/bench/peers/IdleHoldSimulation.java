package dev.herd.bench.peers;

import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * The idle hold: after an idle spell (the baseline RSS is read at its end), N WebSocket subscribers spread over 100
 * channels open within the connect window, each held for the hold time, then closed.
 */
public class IdleHoldSimulation extends Simulation {
    private final ScenarioBuilder idle = scenario("idle")
            .exec(session -> session.set("channel", "t" + (session.userId() % 100)))
            .exec(ws("connect").connect("/ws/#{channel}"))
            .pause(Workload.seconds("hold"))
            .exec(ws("close").close());

    {
        setUp(idle.injectOpen(nothingFor(Workload.seconds("idle")),
                rampUsers(Workload.clients()).during(Workload.seconds("within"))))
                .protocols(http.wsBaseUrl(Workload.baseUrl()));
    }
}
