package dev.herd.cli.command;

import dev.herd.cli.RunFailedException;
import dev.herd.cli.UsageException;
import dev.herd.cli.convert.ByteSizeConverter;
import dev.herd.cli.convert.DurationConverter;
import dev.herd.broker.TargetClientAuth;
import dev.herd.broker.TargetConfig;
import dev.herd.broker.TargetServer;
import dev.herd.broker.TargetTlsProvider;
import dev.herd.broker.pubsub.SlowSubscriberPolicy;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herd target}: runs the reference target until SIGINT or SIGTERM. Its first line on stdout is
 * {@code listening on HOST:PORT}, with the actual port (scripts start it with {@code --port 0} and read it).
 *
 * <pre>
 * herd target --port 0 --slow-policy drop --delay 20ms
 * </pre>
 */
@Command(name = "target", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the reference target: a pub/sub broker with WebSocket and SSE subscribers.",
                "Endpoints: GET /ws/{topic}, GET /sse/{topic}, POST /pub/{topic}, GET /stats, POST /admin/... "
                        + "(see docs/target.md)."})
public final class TargetCommand implements Callable<Integer> {

    /** TargetConfig's option names, as its messages use them, and the flags that set them. */
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("bind", "--bind"),
            Map.entry("port", "--port"),
            Map.entry("threads", "--threads"),
            Map.entry("slowPolicy", "--slow-policy"),
            Map.entry("maxQueueBytes", "--max-queue-bytes"),
            Map.entry("slowTimeout", "--slow-timeout"),
            Map.entry("writeBufferHighWaterMark", "--write-buffer-high"),
            Map.entry("writeBufferLowWaterMark", "--write-buffer-low"),
            Map.entry("delay", "--delay"),
            Map.entry("jitter", "--jitter"),
            Map.entry("maxConnections", "--max-connections"),
            Map.entry("replaySize", "--replay-size"),
            Map.entry("sseRetry", "--sse-retry"),
            Map.entry("sseHeartbeat", "--sse-heartbeat"),
            Map.entry("maxFrameBytes", "--max-frame-bytes"),
            Map.entry("maxPublishBytes", "--max-publish-bytes"),
            Map.entry("tlsKeystore", "--tls-keystore"),
            Map.entry("tlsKeystorePassword", "--tls-keystore-password"),
            Map.entry("tlsProvider", "--tls-provider"),
            Map.entry("tlsClientAuth", "--tls-client-auth"),
            Map.entry("tlsClientCa", "--tls-client-ca"),
            Map.entry("tlsVersions", "--tls-versions"));

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", paramLabel = "N", description = "Event loops (default: the number of cores).")
    Integer threads;

    @Option(names = "--slow-policy", paramLabel = "POLICY", description = "What to do with a subscriber that reads too slowly: buffer, drop or disconnect "
                    + "(default: ${DEFAULT-VALUE}).")
    SlowSubscriberPolicy slowPolicy;

    @Option(names = "--max-queue-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Most bytes queued for one subscriber before it is disconnected (default: ${DEFAULT-VALUE}).")
    long maxQueueBytes;

    @Option(names = "--slow-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --slow-policy disconnect: how long a subscriber may stay unwritable "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration slowTimeout;

    @Option(names = "--write-buffer-high", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Queued bytes above which a connection is unwritable (default: ${DEFAULT-VALUE}).")
    long writeBufferHigh;

    @Option(names = "--write-buffer-low", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Queued bytes below which it is writable again (default: ${DEFAULT-VALUE}).")
    long writeBufferLow;

    @Option(names = "--delay", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Delay from publish to delivery (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(names = "--jitter", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Random extra delay, uniform in [0, DURATION); never reorders a topic "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration jitter;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Most open connections; more get 503 (default: unlimited).")
    Integer maxConnections;

    @Option(names = "--replay-size", paramLabel = "N", description = "Events kept per topic for SSE Last-Event-ID replay (default: ${DEFAULT-VALUE}).")
    int replaySize;

    @Option(names = "--sse-retry", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The retry: an SSE stream announces (default: ${DEFAULT-VALUE}).")
    Duration sseRetry;

    @Option(names = "--sse-heartbeat", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Period of SSE comment heartbeats (default: ${DEFAULT-VALUE}).")
    Duration sseHeartbeat;

    @Option(names = "--max-frame-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Largest WebSocket message a client may send; larger ones close with 1009 "
                    + "(default: ${DEFAULT-VALUE}).")
    long maxFrameBytes;

    @Option(names = "--max-publish-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Largest POST /pub body; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    long maxPublishBytes;

    @Option(names = "--echo", description = "Send a WebSocket client's own messages back to it.")
    boolean echo;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "PKCS12 keystore with the target's key and certificate: serve wss:// and https:// "
                    + "(see docs/target.md for making one with keytool).")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD",
            description = "Password of --tls-keystore (and of the key in it).")
    String tlsKeystorePassword;

    @Option(names = "--tls-provider", paramLabel = "auto|openssl|jdk",
            description = "TLS engine: openssl (BoringSSL through netty-tcnative), jdk, or auto: openssl when it loads "
                    + "here (default: ${DEFAULT-VALUE}).")
    TargetTlsProvider tlsProvider;

    @Option(names = "--tls-client-auth", paramLabel = "none|optional|require",
            description = "Ask TLS clients for a certificate (optional) or refuse those without one --tls-client-ca "
                    + "vouches for (require) (default: ${DEFAULT-VALUE}).")
    TargetClientAuth tlsClientAuth;

    @Option(names = "--tls-client-ca", paramLabel = "FILE",
            description = "PEM certificate(s) of the authorities whose client certificates are accepted; needed with "
                    + "--tls-client-auth optional or require.")
    Path tlsClientCa;

    @Option(names = "--tls-versions", paramLabel = "LIST", split = ",",
            description = "TLS versions served, comma-separated: TLSv1.3, TLSv1.2 (default: ${DEFAULT-VALUE}).")
    List<String> tlsVersions;

    @Option(names = "--reuse-port", description = "Listen with SO_REUSEPORT (Linux, native epoll): several target "
            + "processes on one port share new connections, to hold more than one process's open-files limit. Each "
            + "keeps its own topics, so use it for connection tests (connect-storm, capacity, steady without checking "
            + "deliveries).")
    boolean reusePort;

    /** What to do once listening: by default, wait for SIGINT/SIGTERM. Tests replace it. */
    Consumer<TargetServer> runUntilStopped = TargetCommand::awaitTermination;

    @Override
    public Integer call() {
        TargetConfig config;
        try {
            config = toConfig();
        } catch (IllegalArgumentException e) {
            throw new UsageException(namingFlags(e.getMessage()));
        }
        TargetServer server;
        try {
            server = TargetServer.start(config);
        } catch (IllegalStateException e) {
            throw new RunFailedException(e.getMessage(), e);
        }
        InetSocketAddress address = server.localAddress();
        PrintWriter out = spec.commandLine().getOut();
        out.println("listening on " + address.getAddress().getHostAddress() + ":" + address.getPort());
        out.flush();
        try {
            runUntilStopped.accept(server);
        } finally {
            server.close();
        }
        return 0;
    }

    TargetConfig toConfig() {
        TargetConfig.Builder builder = TargetConfig.builder()
                .bind(bind).port(port).slowPolicy(slowPolicy).maxQueueBytes(maxQueueBytes).slowTimeout(slowTimeout)
                .writeBufferHighWaterMark(writeBufferHigh).writeBufferLowWaterMark(writeBufferLow)
                .delay(delay).jitter(jitter).replaySize(replaySize).sseRetry(sseRetry).sseHeartbeat(sseHeartbeat)
                .maxFrameBytes(maxFrameBytes).maxPublishBytes(maxPublishBytes).echo(echo)
                .tlsKeystore(tlsKeystore).tlsKeystorePassword(tlsKeystorePassword).reusePort(reusePort)
                .tlsProvider(tlsProvider).tlsClientAuth(tlsClientAuth).tlsClientCa(tlsClientCa)
                .tlsVersions(tlsVersions);
        if (threads != null) {
            builder.threads(threads);
        }
        if (maxConnections != null) {
            builder.maxConnections(maxConnections);
        }
        return builder.build();
    }

    /** Rewrites TargetConfig's option names in {@code message} as this command's flags. */
    static String namingFlags(String message) {
        String result = message;
        // Longest first, so that no name is rewritten inside a longer one.
        for (String option : FLAGS.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            result = result.replaceAll("\\b" + Pattern.quote(option) + "\\b", Matcher.quoteReplacement(FLAGS.get(option)));
        }
        return result;
    }

    /**
     * Blocks until the JVM is asked to stop. The shutdown hook closes the target, then halts with status 0:
     * stopping the target on a signal is its normal end, not a failure (the JVM would otherwise exit 130/143).
     */
    private static void awaitTermination(TargetServer server) {
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }, "herd-broker-shutdown"));
        try {
            forever.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
