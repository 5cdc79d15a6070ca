package dev.herd.cli.scenario;

import dev.herd.cli.UsageException;
import dev.herd.cli.option.LoadOptions;
import dev.herd.cli.option.MessageOptions;
import dev.herd.cli.option.TargetOptions;
import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.client.TrustMaterial;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.feeder.Feeder;
import dev.herd.engine.feeder.FeederOrder;
import dev.herd.engine.feeder.FeederReader;
import dev.herd.engine.protocol.RawProtocol;
import dev.herd.engine.protocol.WireProtocol;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.PublishingStage;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.threshold.ThresholdExpression;
import java.nio.file.Path;
import java.time.Duration;
import dev.herd.cli.secret.ConsoleRedaction;
import dev.herd.engine.secret.RedactionPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run is configured with, filled either from command-line flags or from a scenario file,
 * then turned into the engine's {@link Scenario}. Defaults live here, once, for both.
 */
public final class ScenarioSettings {

    /** Message size when neither the run nor the scenario sets one. */
    public static final long DEFAULT_SIZE_BYTES = 128;

    public String scenario = "broadcast";
    // target
    public String url;
    public String publishUrl;
    public Map<String, String> headers = new LinkedHashMap<>();
    public List<String> subprotocols = new ArrayList<>();
    public boolean permessageDeflate;
    public boolean insecure;
    /** A PEM certificate or a truststore to verify the target against, or null for the JDK's authorities. */
    public Path trustCert;
    public String trustStorePassword;
    public Duration connectTimeout = Duration.ofSeconds(10);
    /** Query parameters to mask besides those that look like credentials. */
    public List<String> redact = new ArrayList<>();
    /** Headers whose values may be written as given. */
    public List<String> showHeaders = new ArrayList<>();
    /** What each WebSocket speaks once upgraded: a built-in protocol's name or a script file; null: raw. */
    public String protocol;
    /** The protocol's options ({@code --protocol-option}). */
    public Map<String, String> protocolOptions = new LinkedHashMap<>();
    /** A script protocol written in the scenario file itself ({@code target.protocol: {subscribe: …}}), or null. */
    public WireProtocol inlineProtocol;
    /** Where a relative script path is read from: the scenario file's directory; null: the working directory. */
    public Path protocolBaseDir;
    /** Per-client values (CSV or JSON lines), or null. */
    public Path feeder;
    /** Which row each client takes; null: sequential. */
    public FeederOrder feederOrder;
    /** Feeder columns whose values are secrets. */
    public List<String> feederSecrets = new ArrayList<>();
    // clients
    public int subscribers = 100;
    public int topics = 1;
    public String topicPrefix = "topic-";
    /** The run-wide number of topic 0, and the step between topics: a worker's share of a run split by topics. */
    public int topicFirst;
    public int topicStride = 1;
    public Duration connectWithin = Duration.ofSeconds(2);
    public boolean poisson;
    public int maxHandshakes;
    public LoadOptions.Reconnect reconnect;
    public Duration reconnectBase = Duration.ofMillis(100);
    public Duration reconnectCap = Duration.ofSeconds(10);
    public int reconnectMaxAttempts;
    public long maxMessageBytes = 1 << 20;
    /** Null: {@link dev.herd.engine.receive.ReceiveBudget#defaultBytes()}. */
    public Long receiveBudgetBytes;
    public Integer loops;
    public long seed = 1;
    public dev.herd.engine.run.WorkerRole role = dev.herd.engine.run.WorkerRole.BOTH;
    public Long runId;
    /** Processes to split the run over ({@code --workers}); 1 runs it here. */
    public int workers = 1;
    /** This process's share of a run split over processes, or null when it has the whole run. */
    public WorkerSlice workerSlice;
    /** A stage that holds the measured phase until every worker is connected, or null (one process, whole topics). */
    public Stage startBarrier;
    /** Local addresses client sockets bind to, in turn; empty: the system chooses; null: {@link LoopbackSources}. */
    public List<java.net.InetAddress> sourceAddresses;
    // messages
    public Double rate;
    /** Message size in bytes; null for the scenario's default ({@link #DEFAULT_SIZE_BYTES}, slow-subscriber 4 KiB). */
    public Long size;
    public String template;
    public boolean binary;
    public String contentType = "text/plain; charset=utf-8";
    public int publishConnections = 8;
    public int publishInFlight = 1;
    public Duration duration = Duration.ofSeconds(10);
    public Duration drain = Duration.ofSeconds(3);
    /** How long connections are held after connecting (connect-storm); null for the scenario's default. */
    public Duration hold;
    /** Idle time before a connect storm (its baseline). */
    public Duration idleBefore = Duration.ZERO;
    /** Steady: the window latency and drops are reported per. */
    public Duration window = Duration.ofMinutes(1);
    /** Broadcast: subscriber counts of a fan-out sweep (empty: no sweep). */
    public List<Integer> sweepSubscribers = new ArrayList<>();
    /** Capacity search settings. */
    public CapacitySettings capacity = new CapacitySettings();
    /** The reconnect storm's disruption and windows (reconnect-storm). */
    public ReconnectStormSettings reconnectStorm = new ReconnectStormSettings();
    /** The slow-subscriber scenario's settings. */
    public SlowSubscriberSettings slowSubscribers = new SlowSubscriberSettings();
    /** An explicit timeline; when empty the built-in scenario's timeline is used. */
    public List<Stage> stages = new ArrayList<>();
    // output
    public List<ThresholdExpression> thresholds = new ArrayList<>();
    public Path out;
    public boolean quiet;

    /** Copies the shared command-line option groups. */
    public ScenarioSettings apply(TargetOptions t, LoadOptions l, MessageOptions m) {
        if (t != null) {
            url = t.url;
            publishUrl = t.publishUrl;
            headers = new LinkedHashMap<>(t.headers);
            subprotocols = new ArrayList<>(t.subprotocols);
            permessageDeflate = t.permessageDeflate;
            insecure = t.insecure;
            trustCert = t.trustCert;
            trustStorePassword = t.trustStorePassword;
            connectTimeout = t.connectTimeout;
            redact = new ArrayList<>(t.redact);
            showHeaders = new ArrayList<>(t.showHeaders);
            protocol = t.protocol;
            protocolOptions = new LinkedHashMap<>(t.protocolOptions);
            feeder = t.feeder;
            feederOrder = t.feederOrder;
            feederSecrets = new ArrayList<>(t.feederSecrets);
        }
        if (l != null) {
            topics = l.topics;
            topicPrefix = l.topicPrefix;
            connectWithin = l.connectWithin;
            poisson = l.arrival == LoadOptions.Arrival.POISSON;
            maxHandshakes = l.maxHandshakes;
            if (l.reconnect != null) {
                reconnect = l.reconnect;
            }
            reconnectBase = l.reconnectBase;
            reconnectCap = l.reconnectCap;
            reconnectMaxAttempts = l.reconnectMaxAttempts;
            maxMessageBytes = l.maxMessageBytes;
            if (l.receiveBudget != null) {
                receiveBudgetBytes = l.receiveBudget;
            }
            loops = l.loops;
            seed = l.seed;
            applySplit(l.split);
            if (l.sourceAddresses != null) {
                sourceAddresses = new ArrayList<>(l.sourceAddresses);
            }
        }
        if (m != null) {
            if (m.size != null) {
                size = m.size;
            }
            template = m.template;
            binary = m.binary;
            contentType = m.contentType;
            publishConnections = m.publishConnections;
            publishInFlight = m.publishInFlight;
            drain = m.drain;
        }
        return this;
    }

    /** Copies how this process takes part in a run split over processes. */
    public ScenarioSettings applySplit(dev.herd.cli.option.ProcessSplitOptions p) {
        if (p.workers < 1) {
            throw new UsageException("workers (--workers) must be at least 1, not " + p.workers);
        }
        role = p.role;
        runId = p.runId;
        workers = p.workers;
        workerSlice = p.workerSlice == null ? null : WorkerSlice.parse(p.workerSlice);
        return this;
    }

    /** Builds the engine's scenario, checking what only makes sense across fields. */
    public Scenario toScenario(List<Stage> timeline) {
        if (role == dev.herd.engine.run.WorkerRole.PUBLISHER) {
            subscribers = 0;
        }
        TargetUrl subscribeUrl = parseUrl(url, "url (--url)");
        TargetUrl pubUrl = publishUrl == null ? null : parseUrl(publishUrl, "publish_url (--publish-url)");
        if (!subscribeUrl.hasTopicPlaceholder() && topics > 1 && !speaksProtocol()) {
            throw new UsageException("url (--url) has no {topic} placeholder, so " + topics
                    + " topics would all use the same URL; add {topic}, use one topic, or speak a protocol that "
                    + "subscribes (--protocol)");
        }
        boolean publishes = timeline.stream()
                .anyMatch(st -> st instanceof Stage.Publish || st instanceof PublishingStage);
        if (publishes && pubUrl == null && !subscribeUrl.isWebSocket()) {
            throw new UsageException("publish_url (--publish-url) is required to publish to an SSE target (SSE is "
                    + "one-way), e.g. http://host/pub/{topic}");
        }
        for (String name : headers.keySet()) {
            if (!isHeaderName(name)) {
                throw new UsageException("header (-H) '" + name + "' is not a header name (expected NAME=VALUE)");
            }
        }
        if (subscribers < 0) {
            throw new UsageException("subscribers (--subscribers, --clients) must not be negative, not " + subscribers);
        }
        if (topics < 1) {
            throw new UsageException("topics (--topics) must be at least 1");
        }
        if (loops != null && loops < 1) {
            throw new UsageException("loops (--loops) must be at least 1, not " + loops);
        }
        if (maxHandshakes < 0) {
            throw new UsageException("max_handshakes (--max-handshakes) must not be negative (0 = no cap), not "
                    + maxHandshakes);
        }
        if (connectTimeout.isZero()) {
            throw new UsageException("connect_timeout (--connect-timeout) must be longer than 0");
        }
        if (maxMessageBytes < 1) {
            throw new UsageException("max_message_bytes (--max-message-bytes) must be at least 1 byte");
        }
        long sizeBytes = size == null ? DEFAULT_SIZE_BYTES : size;
        if (sizeBytes > Integer.MAX_VALUE || sizeBytes > maxMessageBytes) {
            throw new UsageException("size (--size) " + sizeBytes + " is larger than max_message_bytes "
                    + "(--max-message-bytes) " + maxMessageBytes);
        }
        if (publishConnections < 1 || publishInFlight < 1) {
            throw new UsageException((publishConnections < 1 ? "connections (--publish-connections)"
                    : "in_flight (--publish-in-flight)") + " must be at least 1");
        }
        try {
            dev.herd.engine.publish.PayloadTemplate.parse(template, (int) sizeBytes);
        } catch (IllegalArgumentException e) {
            throw new UsageException("template (--template): " + e.getMessage());
        }
        ReconnectPolicy policy = reconnectPolicy();
        TrustMaterial trust = trust();
        WireProtocol wireProtocol = inlineProtocol != null ? inlineProtocol
                : ProtocolChoice.resolve(protocol, protocolOptions, protocolBaseDir);
        Feeder clientFeeder = feeder();
        try {
            ClientOptions client = new ClientOptions(headers, subprotocols, permessageDeflate, insecure, trust,
                    connectTimeout, policy, (int) Math.min(Integer.MAX_VALUE, maxMessageBytes), true, seed,
                    sourceAddresses != null ? sourceAddresses : LoopbackSources.forTarget(subscribeUrl),
                    receiveBudgetBytes != null ? receiveBudgetBytes
                            : dev.herd.engine.receive.ReceiveBudget.defaultBytes(), wireProtocol, clientFeeder);
            MessageSpec message = new MessageSpec((int) sizeBytes, template, binary, contentType, publishConnections,
                    publishInFlight);
            Scenario built = new Scenario(scenario, subscribeUrl, pubUrl, subscribers, topics, topicPrefix, client,
                    message, timeline, loops == null ? Runtime.getRuntime().availableProcessors() : loops, topicFirst,
                    topicStride, redaction());
            ConsoleRedaction.add(built.redactor());
            return built;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * True when each WebSocket speaks a protocol that subscribes to its topic in frames (not raw): then one URL serves
     * every topic.
     */
    public boolean speaksProtocol() {
        return inlineProtocol != null || (protocol != null && !protocol.equals(RawProtocol.NAME));
    }

    /** Whether {@code name} can be the name of an HTTP header (a token of RFC 9110). */
    public static boolean isHeaderName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c < 127
                && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0));
    }

    /** Parses a target URL as {@link TargetUrl#parse} does, with a port a connection can be made to. */
    public static TargetUrl targetUrl(String text) {
        TargetUrl parsed = TargetUrl.parse(text);
        if (parsed.port() < 1 || parsed.port() > 65535) {
            throw new IllegalArgumentException("port " + parsed.port() + " is out of range (expected 1-65535)");
        }
        return parsed;
    }

    /** What the run's results and console mask: the policy given, and the secrets only this front end knows. */
    public RedactionPolicy redaction() {
        Set<String> secrets = new HashSet<>();
        if (trustStorePassword != null) {
            secrets.add(trustStorePassword);
        }
        return new RedactionPolicy(new HashSet<>(redact), new HashSet<>(showHeaders), secrets);
    }

    /** The rows of {@link #feeder} in the order asked, or null when none was given. */
    private Feeder feeder() {
        if (feeder == null) {
            if (feederOrder != null || !feederSecrets.isEmpty()) {
                throw new UsageException((feederOrder != null ? "feeder_order (--feeder-order)"
                        : "feeder_secret (--feeder-secret)") + " needs feeder (--feeder)");
            }
            return null;
        }
        try {
            Feeder f = FeederReader.read(feeder).order(feederOrder == null ? FeederOrder.SEQUENTIAL : feederOrder,
                    seed);
            for (String column : feederSecrets) {
                f = f.secret(column);
            }
            return f;
        } catch (IllegalArgumentException e) {
            throw new UsageException("feeder (--feeder): " + e.getMessage());
        }
    }

    /** The certificates of {@link #trustCert}, or null when none was given. */
    private TrustMaterial trust() {
        if (trustCert == null) {
            if (trustStorePassword != null) {
                throw new UsageException("trust_store_password (--trust-store-password) needs trust_cert (--trust-cert)");
            }
            return null;
        }
        try {
            return TrustMaterial.load(trustCert, trustStorePassword);
        } catch (IllegalArgumentException e) {
            throw new UsageException("trust_cert (--trust-cert): " + e.getMessage());
        }
    }

    public ReconnectPolicy reconnectPolicy() {
        LoadOptions.Reconnect kind = reconnect == null ? LoadOptions.Reconnect.NONE : reconnect;
        if (reconnectMaxAttempts < 0) {
            throw new UsageException("max_attempts (--reconnect-max-attempts) must not be negative (0 = no limit), not "
                    + reconnectMaxAttempts);
        }
        if (kind == LoadOptions.Reconnect.EXPONENTIAL && reconnectBase.isZero()) {
            throw new UsageException("base (--reconnect-base) must be longer than 0");
        }
        if (kind == LoadOptions.Reconnect.EXPONENTIAL && reconnectCap.compareTo(reconnectBase) < 0) {
            throw new UsageException("cap (--reconnect-cap) " + reconnectCap.toMillis() + "ms is shorter than base "
                    + "(--reconnect-base) " + reconnectBase.toMillis() + "ms");
        }
        try {
            return switch (kind) {
                case NONE -> ReconnectPolicy.none();
                case IMMEDIATE -> ReconnectPolicy.immediate(reconnectMaxAttempts);
                case EXPONENTIAL -> ReconnectPolicy.exponential(reconnectBase, reconnectCap, reconnectMaxAttempts);
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException("reconnect: " + e.getMessage());
        }
    }

    private static TargetUrl parseUrl(String text, String field) {
        if (text == null) {
            throw new UsageException(field + " is required");
        }
        try {
            return targetUrl(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(field + ": " + e.getMessage());
        }
    }
}
