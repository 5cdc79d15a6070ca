package dev.herd.engine.client;

import dev.herd.engine.secret.RedactionPolicy;
import dev.herd.engine.secret.Redactor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A target URL template such as {@code ws://127.0.0.1:8080/ws/{topic}}: {@code ws}/{@code wss} for WebSocket,
 * {@code http}/{@code https} for SSE subscribers or HTTP POST publishers. {@code {topic}} may appear anywhere
 * in the path or query and is replaced by the topic's name; the other per-client placeholders of
 * {@link ClientPlaceholders} ({@code {client}}, feeder columns) may appear there too.
 *
 * <pre>{@code
 * TargetUrl url = TargetUrl.parse("ws://127.0.0.1:8080/ws/{topic}");
 * URI uri = url.forTopic("topic-3");
 * }</pre>
 */
public final class TargetUrl {

    private static final String PLACEHOLDER = "{topic}";

    private final String template;
    private final String scheme;
    private final String host;
    private final int port;
    private final boolean tls;

    private TargetUrl(String template, String scheme, String host, int port, boolean tls) {
        this.template = template;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.tls = tls;
    }

    /**
     * Parses a template; throws {@link IllegalArgumentException} with a one-line reason when it is not a
     * ws, wss, http or https URL with a host.
     */
    public static TargetUrl parse(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("a URL is required (e.g. ws://127.0.0.1:8080/ws/{topic})");
        }
        URI uri;
        try {
            // Every {name} placeholder (topic, client, feeder columns) is filled per client later.
            uri = new URI(ClientPlaceholders.expand(template, name -> "x"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + shown(template) + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls;
        int defaultPort;
        switch (scheme) {
            case "ws", "http" -> {
                tls = false;
                defaultPort = 80;
            }
            case "wss", "https" -> {
                tls = true;
                defaultPort = 443;
            }
            default -> throw new IllegalArgumentException(
                    "'" + shown(template) + "' must start with ws://, wss://, http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + shown(template) + "' has no host");
        }
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new TargetUrl(template, scheme, host, port, tls);
    }

    /** The concrete URI for a topic. */
    public URI forTopic(String topic) {
        return URI.create(template.replace(PLACEHOLDER, topic));
    }

    /** Path and query for a topic, as sent in the HTTP request line. */
    public String requestTarget(String topic) {
        return requestTarget(forTopic(topic));
    }

    /** Path and query of {@code uri}, as sent in the HTTP request line. */
    public static String requestTarget(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    public boolean hasTopicPlaceholder() {
        return template.contains(PLACEHOLDER);
    }

    /** WebSocket for ws/wss, SSE for http/https (or HTTP POST when used as a publish URL). */
    public Protocol subscribeProtocol() {
        return scheme.startsWith("ws") ? Protocol.WEBSOCKET : Protocol.SSE;
    }

    public boolean isWebSocket() {
        return scheme.startsWith("ws");
    }

    public String template() {
        return template;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean tls() {
        return tls;
    }

    /** The Host header value. */
    public String hostHeader() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        boolean defaultPort = (tls && port == 443) || (!tls && port == 80);
        return defaultPort ? h : h + ":" + port;
    }

    /**
     * The {@code Origin} a browser page served by the target itself would send: {@code http://} or {@code https://},
     * then the {@link #hostHeader()}.
     */
    public String origin() {
        return (tls ? "https://" : "http://") + hostHeader();
    }

    /** The template with its user-info and credential-like query values masked: what may be printed. */
    @Override
    public String toString() {
        return shown(template);
    }

    private static String shown(String url) {
        return Redactor.of(RedactionPolicy.DEFAULT).url(url);
    }
}
