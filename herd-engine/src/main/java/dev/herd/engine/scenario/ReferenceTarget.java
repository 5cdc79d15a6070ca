package dev.herd.engine.scenario;

import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.TargetUrl;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import dev.herd.engine.tls.ClientIdentity;
import dev.herd.engine.tls.TlsOptions;

/**
 * herd's reference target's HTTP API as scenarios use it, from the control thread (never from an event loop): tells
 * the reference target apart from other servers by its {@code GET /stats}, reads those stats (the target's own view
 * of a run), and restarts it with {@code POST /admin/restart?down=D}. Every request is bounded by a timeout, and the
 * waits go through a {@link BoundedWait} so a stage's wait also ends when the run is aborted. Nothing in a scenario
 * depends on it: against any other server the stats are simply absent.
 *
 * <pre>{@code
 * ReferenceTarget admin = ReferenceTarget.of(TargetUrl.parse("ws://127.0.0.1:8080/ws/{topic}"));
 * admin.requireReferenceTarget(BoundedWait.polling());     // DisruptionUnavailableException if it is not
 * ReferenceTarget.Answer a = admin.restart(Duration.ofSeconds(2), ctx::waitUntil);
 * }</pre>
 */
public final class ReferenceTarget {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Top-level keys of the reference target's {@code /stats} that other servers are unlikely to have together. */
    private static final Set<String> STATS_KEYS = Set.of("connections", "messages", "slow_policy");

    /** A response: its status and body. */
    public record Answer(int status, String body) {
        /** The body's first line, for one-line messages. */
        public String firstLine() {
            String trimmed = body == null ? "" : body.strip();
            int nl = trimmed.indexOf('\n');
            return nl < 0 ? trimmed : trimmed.substring(0, nl).strip();
        }
    }

    private final URI base;
    private final HttpClient http;
    /** Once a server answered that it is not the reference target, it is not asked again. */
    private volatile boolean notReference;

    private ReferenceTarget(URI base, SSLContext tls) {
        this.base = base;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** The admin API beside a subscribe or publish URL: same host and port, {@code http} or {@code https}. */
    public static ReferenceTarget of(TargetUrl url) {
        return of(url, ClientOptions.defaults());
    }

    /** As {@link #of(TargetUrl)}, verifying {@code https} as the clients do ({@code insecure}, {@code trust}). */
    public static ReferenceTarget of(TargetUrl url, ClientOptions client) {
        URI base = URI.create((url.tls() ? "https" : "http") + "://" + url.hostHeader());
        return new ReferenceTarget(base, url.tls() ? sslContext(client) : null);
    }

    /**
     * The JDK client's TLS for the same trust as the clients' Netty TLS, showing their client certificate when they all
     * show one (a per-client certificate is not shown: a target that requires one then refuses the admin requests);
     * null for the JDK's defaults.
     */
    private static SSLContext sslContext(ClientOptions client) {
        KeyManager[] keys = null;
        TlsOptions tls = client.tls();
        if (tls.clientCert() != null && !tls.certificatePerClient()) {
            keys = ClientIdentity.load(tls.resolve(tls.clientCert()),
                    tls.clientKey() == null ? null : tls.resolve(tls.clientKey()), tls.clientKeyPassword()).keyManagers();
        }
        try {
            if (client.insecure()) {
                // Netty's trust-all managers are X509ExtendedTrustManagers: the JDK then checks no host name either.
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
                return context;
            }
            if (client.trust() != null) {
                return client.trust().sslContext(keys);
            }
            if (keys == null) {
                return null;
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** {@code http://host:port}, the base every admin path is resolved against. */
    public URI base() {
        return base;
    }

    public URI statsUri() {
        return base.resolve("/stats");
    }

    public URI restartUri(Duration down) {
        return base.resolve("/admin/restart?down=" + down.toMillis() + "ms");
    }

    /** Empty when the target is herd's reference target, else why it is not (one line). */
    public Optional<String> whyNotReferenceTarget(BoundedWait wait) {
        Answer answer;
        try {
            answer = send(HttpRequest.newBuilder(statsUri()).GET(), wait);
        } catch (IOException e) {
            return Optional.of("GET " + statsUri() + " failed (" + e.getMessage() + ")");
        }
        if (answer.status() != 200) {
            return Optional.of("GET " + statsUri() + " answered " + answer.status());
        }
        if (parseStats(answer.body()).isEmpty()) {
            return Optional.of("GET " + statsUri() + " answered 200, but not with herd's stats "
                    + "(connections, messages, slow_policy)");
        }
        return Optional.empty();
    }

    /** The target's {@code /stats} as parsed JSON, or empty when it is not the reference target or did not answer. */
    public Optional<Map<String, Object>> stats(BoundedWait wait) {
        return statsJson(wait).flatMap(ReferenceTarget::parseStats);
    }

    /** The target's {@code /stats} as it sent it, or empty when it is not the reference target or did not answer. */
    public Optional<String> statsJson(BoundedWait wait) {
        if (notReference) {
            return Optional.empty();
        }
        try {
            Answer answer = send(HttpRequest.newBuilder(statsUri()).GET(), wait);
            if (answer.status() == 200 && parseStats(answer.body()).isPresent()) {
                return Optional.of(answer.body());
            }
            notReference = true;
        } catch (IOException e) {
            // no answer this time: not a verdict on what the server is
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> parseStats(String body) {
        try {
            if (JsonTree.parse(body) instanceof Map<?, ?> map && map.keySet().containsAll(STATS_KEYS)) {
                return Optional.of((Map<String, Object>) map);
            }
        } catch (IllegalArgumentException e) {
            // not JSON: not the reference target
        }
        return Optional.empty();
    }


    /** Asks the reference target to restart, staying down for {@code down}; 202 when the restart started. */
    public Answer restart(Duration down, BoundedWait wait) throws IOException {
        return send(HttpRequest.newBuilder(restartUri(down)).POST(HttpRequest.BodyPublishers.noBody()), wait);
    }

    private Answer send(HttpRequest.Builder request, BoundedWait wait) throws IOException {
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(request.timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        // The request times out by itself; the extra second only covers the client's own bookkeeping.
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.plusSeconds(1).toNanos();
        if (!wait.until(deadline, response::isDone)) {
            response.cancel(true);
            throw new IOException("no answer within " + REQUEST_TIMEOUT.toSeconds() + "s (or the run was aborted)");
        }
        try {
            HttpResponse<String> r = response.join();
            return new Answer(r.statusCode(), r.body());
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new IOException(message, cause);
        }
    }
}
