package dev.herd.broker.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.Supplier;

/** {@code GET /stats}: the target's counters as JSON (keys documented in {@code docs/target.md}). */
public final class StatsHandler {

    private final Supplier<String> statsJson;

    public StatsHandler(Supplier<String> statsJson) {
        this.statsJson = statsJson;
    }

    void respond(Exchange exchange) {
        exchange.respond(HttpReplies.json(HttpResponseStatus.OK, statsJson.get()));
    }
}
