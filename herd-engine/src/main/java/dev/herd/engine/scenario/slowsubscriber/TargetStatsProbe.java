package dev.herd.engine.scenario.slowsubscriber;

import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.scenario.StageContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the target's own view of a run from {@code GET /stats} when the target is herd's reference target
 * (recognised by a 200 JSON answer with {@code connections}, {@code messages} and {@code slow_policy}); any other
 * server is simply not asked again. Control thread only; each request is bounded and gives up if the run is aborted.
 *
 * <pre>{@code
 * TargetStatsProbe probe = new TargetStatsProbe(scenario.url());
 * Optional<Map<String, Object>> stats = probe.fetch(ctx);
 * }</pre>
 */
final class TargetStatsProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI statsUri;
    private HttpClient http;
    private boolean notReference;

    TargetStatsProbe(TargetUrl url) {
        this.statsUri = URI.create((url.tls() ? "https" : "http") + "://" + url.hostHeader() + "/stats");
    }

    /** The target's {@code /stats}, or empty when it is not the reference target or did not answer in time. */
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> fetch(StageContext ctx) {
        if (notReference) {
            return Optional.empty();
        }
        if (http == null) {
            // HTTP/1.1: the default HTTP/2 upgrade header would be refused by a plain HTTP/1.1 endpoint.
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        }
        HttpRequest request = HttpRequest.newBuilder(statsUri).timeout(TIMEOUT).GET().build();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        ctx.waitUntil(System.nanoTime() + TIMEOUT.toNanos() * 2, answer::isDone);
        if (!answer.isDone() || answer.isCompletedExceptionally()) {
            answer.cancel(true);
            notReference = !ctx.aborted();
            return Optional.empty();
        }
        HttpResponse<String> response = answer.join();
        Object body;
        try {
            body = response.statusCode() == 200 ? JsonTree.parse(response.body()) : null;
        } catch (IllegalArgumentException e) {
            body = null;
        }
        if (body instanceof Map<?, ?> map && map.containsKey("connections") && map.containsKey("messages")
                && map.containsKey("slow_policy")) {
            return Optional.of((Map<String, Object>) map);
        }
        notReference = true;
        return Optional.empty();
    }
}
