package dev.herd.engine.scenario;

import dev.herd.engine.client.TargetUrl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Talks to herd's own reference target over its HTTP API (/stats, /admin/…), when the target under test is
 * one: scenarios use it for the target's view of a run and for the disruptions it offers. Detection asks
 * {@code GET /stats} for the reference target's JSON; any other server is left alone. Control thread only
 * (blocking, with short timeouts).
 *
 * <pre>{@code
 * Optional<ReferenceTarget> target = ReferenceTarget.detect(scenario.url());
 * target.ifPresent(t -> section.put("target_stats", t.statsJson()));
 * }</pre>
 */
public final class ReferenceTarget {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http;
    private final URI base;

    private ReferenceTarget(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** The HTTP base ({@code http(s)://host:port}) of a target URL. */
    public static URI httpBase(TargetUrl url) {
        String scheme = url.tls() ? "https" : "http";
        return URI.create(scheme + "://" + url.hostHeader());
    }

    /** The reference target behind {@code url}, if that is what answers there. */
    public static Optional<ReferenceTarget> detect(TargetUrl url) {
        // HTTP/1.1 only: the default h2c upgrade header would be an Upgrade request on a plain endpoint.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        ReferenceTarget candidate = new ReferenceTarget(http, httpBase(url));
        try {
            String stats = candidate.statsJson();
            boolean ours = stats.contains("\"connections\"") && stats.contains("\"messages\"")
                    && stats.contains("\"slow_policy\"");
            return ours ? Optional.of(candidate) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The target's {@code /stats} JSON as it sent it. */
    public String statsJson() throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/stats")).GET());
        if (response.statusCode() != 200) {
            throw new IOException("GET /stats answered " + response.statusCode());
        }
        return response.body();
    }

    /** {@code POST /admin/<pathAndQuery>}; returns the status code. */
    public int admin(String pathAndQuery) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/admin/" + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()));
        return response.statusCode();
    }

    public URI base() {
        return base;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
