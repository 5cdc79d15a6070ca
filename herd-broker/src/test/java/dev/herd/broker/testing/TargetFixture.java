package dev.herd.broker.testing;

import dev.herd.broker.TargetConfig;
import dev.herd.broker.TargetServer;
import dev.herd.broker.TargetStats;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A reference target on an ephemeral loopback port for one test: started before it, closed after it.
 *
 * <pre>{@code
 * @RegisterExtension
 * final TargetFixture target = TargetFixture.configured(b -> b.slowPolicy(SlowSubscriberPolicy.DROP));
 *
 * try (TargetFixture target = TargetFixture.start(b -> b)) { ... }   // or by hand
 * }</pre>
 *
 * <p>The base configuration is {@code bind 127.0.0.1, port 0, threads 2}; the customizer may change anything.
 */
public final class TargetFixture implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

    private static final Pattern ID = Pattern.compile("\\{\"id\":(\\d+)}");

    private final UnaryOperator<TargetConfig.Builder> customizer;
    private TargetServer server;

    private TargetFixture(UnaryOperator<TargetConfig.Builder> customizer) {
        this.customizer = customizer;
    }

    /** A fixture with the base configuration, for {@code @RegisterExtension}. */
    public static TargetFixture create() {
        return new TargetFixture(UnaryOperator.identity());
    }

    /** A fixture whose configuration {@code customizer} adjusts, for {@code @RegisterExtension}. */
    public static TargetFixture configured(UnaryOperator<TargetConfig.Builder> customizer) {
        return new TargetFixture(customizer);
    }

    /** Starts a target now; close it (try-with-resources). */
    public static TargetFixture start(UnaryOperator<TargetConfig.Builder> customizer) {
        TargetFixture fixture = new TargetFixture(customizer);
        fixture.startServer();
        return fixture;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startServer();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    public TargetServer server() {
        return server;
    }

    public int port() {
        return server.localAddress().getPort();
    }

    public URI wsUri(String topic) {
        return URI.create("ws://127.0.0.1:" + port() + "/ws/" + topic);
    }

    public URI sseUri(String topic) {
        return URI.create("http://127.0.0.1:" + port() + "/sse/" + topic);
    }

    public URI httpUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public TargetStats stats() {
        return server.stats();
    }

    /** Publishes a text message over a fresh connection ({@code Connection: close}); returns its id. */
    public long publish(String topic, String body) {
        return publish(topic, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Publishes bytes with extra headers; returns the id the target assigned, or fails on any status but 202. */
    public long publish(String topic, byte[] body, Map<String, String> headers) {
        RawHttpClient.Response response = RawHttpClient.exchange(port(), "POST", "/pub/" + topic, headers, body);
        Matcher matcher = ID.matcher(response.bodyText());
        if (response.status() != 202 || !matcher.matches()) {
            throw new AssertionError("publish to " + topic + " answered " + response.status() + " "
                    + response.bodyText());
        }
        return Long.parseLong(matcher.group(1));
    }

    /** {@code POST} to an admin endpoint (e.g. {@code "/admin/stall?for=1s"}) over a fresh connection. */
    public RawHttpClient.Response admin(String pathAndQuery) {
        return RawHttpClient.exchange(port(), "POST", pathAndQuery, Map.of(), null);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private void startServer() {
        TargetConfig config = customizer.apply(TargetConfig.builder().bind("127.0.0.1").port(0).threads(2)).build();
        server = TargetServer.start(config);
    }
}
