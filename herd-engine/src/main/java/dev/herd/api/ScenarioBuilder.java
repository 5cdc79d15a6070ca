package dev.herd.api;

import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.ClientPlaceholders;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.client.TrustMaterial;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.feeder.Feeder;
import dev.herd.engine.feeder.FeederOrder;
import dev.herd.engine.feeder.FeederReader;
import dev.herd.engine.metrics.IntervalListener;
import dev.herd.engine.protocol.RawProtocol;
import dev.herd.engine.protocol.WireProtocol;
import dev.herd.engine.protocol.WireProtocols;
import dev.herd.engine.publish.PayloadTemplate;
import dev.herd.engine.receive.ReceiveBudget;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.run.WorkerRole;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.StartAtStage;
import dev.herd.engine.secret.RedactionPolicy;
import dev.herd.engine.threshold.ThresholdExpression;
import dev.herd.engine.threshold.ThresholdParser;
import dev.herd.engine.threshold.ThresholdSyntaxException;
import dev.herd.engine.tls.ClientIdentity;
import dev.herd.engine.tls.TlsOptions;
import dev.herd.engine.tls.TlsProvider;
import dev.herd.engine.transport.LoopbackSources;
import dev.herd.engine.transport.Transport;
import dev.herd.engine.scenario.PublishingStage;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every built-in scenario is configured with: the target and how clients talk to it, how they arrive and come
 * back, what is published, thresholds, and a slice of a run split over processes. Each option's default is declared
 * once, here or in the scenario's own builder ({@code DEFAULT_…}); the command line and scenario files map onto these
 * methods. Options are checked when the scenario is {@linkplain #build() built}, each failure an
 * {@link InvalidOptionException} of one line naming the option.
 *
 * <pre>{@code
 * RunResult result = Herd.broadcast().url("ws://127.0.0.1:8080/ws/{topic}").topics(4).subscribers(1000)
 *         .rate(400).duration(Duration.ofSeconds(10)).threshold("latency.p99 < 50ms").run();
 * }</pre>
 *
 * @param <B> the scenario's own builder, returned by every method so calls chain
 */
public abstract class ScenarioBuilder<B extends ScenarioBuilder<B>> {

    /** Most time one connection attempt may take, every phase together. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_TOPICS = 1;
    public static final String DEFAULT_TOPIC_PREFIX = "topic-";
    /** The open-model ramp the clients' first attempts are spread over. */
    public static final Duration DEFAULT_CONNECT_WITHIN = Duration.ofSeconds(2);
    public static final Arrival DEFAULT_ARRIVAL = Arrival.EVEN;
    /** No cap on attempts in progress. */
    public static final int DEFAULT_MAX_HANDSHAKES = 0;
    public static final Duration DEFAULT_RECONNECT_BASE = Duration.ofMillis(100);
    public static final Duration DEFAULT_RECONNECT_CAP = Duration.ofSeconds(10);
    /** Keep trying. */
    public static final int DEFAULT_RECONNECT_MAX_ATTEMPTS = 0;
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;
    public static final long DEFAULT_SEED = 1;
    public static final FeederOrder DEFAULT_FEEDER_ORDER = FeederOrder.SEQUENTIAL;
    public static final long DEFAULT_SIZE_BYTES = 128;
    public static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=utf-8";
    public static final int DEFAULT_PUBLISH_CONNECTIONS = 8;
    public static final int DEFAULT_PUBLISH_IN_FLIGHT = 1;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(3);
    public static final int DEFAULT_SUBSCRIBERS = 100;
    /** How late a slice may begin its measured phase after its start instant. */
    public static final Duration DEFAULT_START_TOLERANCE = Duration.ofSeconds(1);
    /** OpenSSL when its native library loads, else the JDK's TLS. */
    public static final TlsProvider DEFAULT_TLS_PROVIDER = TlsProvider.AUTO;
    /** Each client resumes its previous TLS session when it reconnects, as browsers do. */
    public static final boolean DEFAULT_TLS_RESUME = true;
    /** The versions a browser offers. */
    public static final List<String> DEFAULT_TLS_VERSIONS = List.of("TLSv1.3", "TLSv1.2");
    /** What a browser offers on a connection for a WebSocket (herd speaks HTTP/1.1 only). */
    public static final List<String> DEFAULT_TLS_ALPN = List.of("http/1.1");
    /** Linux's epoll: measured against io_uring in docs/benchmarks.md ("Transports"). */
    public static final Transport DEFAULT_TRANSPORT = Transport.EPOLL;

    private final String name;
    // target
    private String url;
    private String publishUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> subprotocols = new ArrayList<>();
    private boolean permessageDeflate;
    private boolean insecure;
    private Path trustCert;
    private String trustStorePassword;
    private TlsProvider tlsProvider = DEFAULT_TLS_PROVIDER;
    private boolean tlsResume = DEFAULT_TLS_RESUME;
    private String clientCert;
    private String clientKey;
    private String clientKeyPassword;
    private String sni;
    private List<String> tlsVersions = DEFAULT_TLS_VERSIONS;
    private List<String> alpn = DEFAULT_TLS_ALPN;
    private Path tlsFilesDir;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private final Set<String> redact = new LinkedHashSet<>();
    private final Set<String> showHeaders = new LinkedHashSet<>();
    private String protocolName = RawProtocol.NAME;
    private final Map<String, String> protocolOptions = new LinkedHashMap<>();
    private WireProtocol protocol;
    private Feeder feeder;
    private Path feederFile;
    private FeederOrder feederOrder;
    private final List<String> feederSecrets = new ArrayList<>();
    // clients
    protected int subscribers = DEFAULT_SUBSCRIBERS;
    protected int topics = DEFAULT_TOPICS;
    private String topicPrefix = DEFAULT_TOPIC_PREFIX;
    protected Duration connectWithin = DEFAULT_CONNECT_WITHIN;
    private Arrival arrival = DEFAULT_ARRIVAL;
    protected int maxHandshakes = DEFAULT_MAX_HANDSHAKES;
    private Reconnect reconnect;
    private Duration reconnectBase = DEFAULT_RECONNECT_BASE;
    private Duration reconnectCap = DEFAULT_RECONNECT_CAP;
    private int reconnectMaxAttempts = DEFAULT_RECONNECT_MAX_ATTEMPTS;
    private long maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private Long receiveBudgetBytes;
    private Integer loops;
    protected long seed = DEFAULT_SEED;
    private List<InetAddress> sourceAddresses;
    // messages
    protected Double rate;
    protected Long sizeBytes;
    private String template;
    private boolean binary;
    private String contentType = DEFAULT_CONTENT_TYPE;
    private int publishConnections = DEFAULT_PUBLISH_CONNECTIONS;
    private int publishInFlight = DEFAULT_PUBLISH_IN_FLIGHT;
    protected Duration duration;
    protected Duration drain = DEFAULT_DRAIN;
    /** The run-wide number of topic 0, and the step between topics: a slice's share of a run split by topics. */
    private int topicFirst;
    private int topicStride = 1;
    private Transport transport = DEFAULT_TRANSPORT;
    // the run
    private List<Stage> timeline = List.of();
    private Stage startBarrier;
    private final List<ThresholdExpression> thresholds = new ArrayList<>();
    protected WorkerRole role = WorkerRole.BOTH;
    private Long runId;
    private Slice slice;
    private boolean sliced;
    private java.time.Instant startAt;
    private Duration startTolerance = DEFAULT_START_TOLERANCE;
    private final List<IntervalListener> listeners = new ArrayList<>();

    protected ScenarioBuilder(String name) {
        this.name = name;
    }

    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /** The scenario's name, as summary.json and the command give it ({@code broadcast}, {@code connect-storm}, …). */
    public final String name() {
        return name;
    }

    // ---- target

    /**
     * The subscribe URL template: {@code ws://} or {@code wss://} for WebSocket, {@code http://} or {@code https://}
     * for SSE; {@code {topic}} is each topic's name, and {@code {client}} or a feeder column may appear too.
     */
    public final B url(String template) {
        this.url = template;
        return self();
    }

    /**
     * Where to publish: a {@code ws://} URL (publisher connections send frames) or an {@code http://} URL (POST, one
     * message a request). Default: WebSocket frames on {@link #url}; required for SSE.
     */
    public final B publishUrl(String template) {
        this.publishUrl = template;
        return self();
    }

    /** An extra request header of the upgrade or SSE request; its value may hold per-client placeholders. */
    public final B header(String headerName, String value) {
        headers.put(headerName, value);
        return self();
    }

    public final B headers(Map<String, String> all) {
        headers.clear();
        headers.putAll(all);
        return self();
    }

    /** A WebSocket subprotocol to offer, after the protocol's own. */
    public final B subprotocol(String subprotocol) {
        subprotocols.add(subprotocol);
        return self();
    }

    public final B subprotocols(List<String> all) {
        subprotocols.clear();
        subprotocols.addAll(all);
        return self();
    }

    /** Offer permessage-deflate (RFC 7692). */
    public final B permessageDeflate(boolean offer) {
        this.permessageDeflate = offer;
        return self();
    }

    /** Skip TLS certificate and host name verification. */
    public final B insecure(boolean skipVerification) {
        this.insecure = skipVerification;
        return self();
    }

    /** Trust this PEM certificate or PKCS12/JKS truststore instead of the JDK's authorities (verification stays on). */
    public final B trustCert(Path file) {
        this.trustCert = file;
        return self();
    }

    /** The password of a {@link #trustCert} truststore (not needed for PEM); never written to results. */
    public final B trustStorePassword(String password) {
        this.trustStorePassword = password;
        return self();
    }

    /** Which TLS engine the clients use: OpenSSL, the JDK's, or {@code auto} (OpenSSL when it loads). */
    public final B tlsProvider(TlsProvider provider) {
        this.tlsProvider = provider;
        return self();
    }

    /** Resume each client's previous TLS session when it reconnects (session tickets or ids), or never. */
    public final B tlsResume(boolean resume) {
        this.tlsResume = resume;
        return self();
    }

    /**
     * The client certificate shown when the server asks for one: a PEM chain (with {@link #clientKey}, or holding the
     * key itself) or a PKCS12 store. The path may hold {@code {client}} or feeder columns ({@code {cert}}), naming a
     * file per client.
     */
    public final B clientCert(String pathOrTemplate) {
        this.clientCert = pathOrTemplate;
        return self();
    }

    public final B clientCert(Path file) {
        return clientCert(file == null ? null : file.toString());
    }

    /** The PEM (PKCS#8) private key of a PEM {@link #clientCert}; may hold placeholders as the certificate's path. */
    public final B clientKey(String pathOrTemplate) {
        this.clientKey = pathOrTemplate;
        return self();
    }

    public final B clientKey(Path file) {
        return clientKey(file == null ? null : file.toString());
    }

    /** Opens an encrypted PEM key or the PKCS12 {@link #clientCert}; never written to results. */
    public final B clientKeyPassword(String password) {
        this.clientKeyPassword = password;
        return self();
    }

    /** The server name sent in the TLS handshake (SNI) and verified, instead of the URL's host. */
    public final B sni(String serverName) {
        this.sni = serverName;
        return self();
    }

    /** The TLS versions offered: {@code TLSv1.3}, {@code TLSv1.2} (or {@code 1.3}, {@code 1.2}). */
    public final B tlsVersions(List<String> versions) {
        this.tlsVersions = versions == null ? null : List.copyOf(versions);
        return self();
    }

    /** The application protocols offered by ALPN (RFC 7301); empty for no ALPN extension. */
    public final B alpn(List<String> protocols) {
        this.alpn = protocols == null ? null : List.copyOf(protocols);
        return self();
    }

    /**
     * What relative client certificate and key paths are relative to (a scenario file's directory); by default the
     * working directory. Per-client paths are resolved once each client's placeholders are filled.
     */
    public final B tlsFilesRelativeTo(Path dir) {
        this.tlsFilesDir = dir;
        return self();
    }

    public final B connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return self();
    }

    /** Also mask this URL query parameter in results (those named like credentials always are). */
    public final B redact(String queryParameter) {
        redact.add(queryParameter);
        return self();
    }

    /** Write this header's value in results as given (every other header value is written {@code ***}). */
    public final B showHeader(String headerName) {
        showHeaders.add(headerName);
        return self();
    }

    /**
     * Speak a built-in protocol over every WebSocket ({@code raw}, {@code socketio}, {@code stomp}, {@code mqtt},
     * {@code graphql-ws}) with these options (docs/protocols.md).
     */
    public final B protocol(String builtInName, Map<String, String> options) {
        this.protocolName = builtInName;
        this.protocol = null;
        protocolOptions.clear();
        protocolOptions.putAll(options);
        return self();
    }

    public final B protocol(String builtInName) {
        return protocol(builtInName, Map.of());
    }

    /** Speak {@code wireProtocol} (a script protocol, or one of Java code's own) over every WebSocket. */
    public final B protocol(WireProtocol wireProtocol) {
        this.protocol = wireProtocol;
        return self();
    }

    /** Per-client values for placeholders, from a CSV or JSON lines file. */
    public final B feeder(Path file) {
        this.feederFile = file;
        this.feeder = null;
        return self();
    }

    public final B feeder(Feeder rows) {
        this.feeder = rows;
        this.feederFile = null;
        return self();
    }

    public final B feederOrder(FeederOrder order) {
        this.feederOrder = order;
        return self();
    }

    /** A feeder column whose values are secrets, never written to results. */
    public final B feederSecret(String column) {
        feederSecrets.add(column);
        return self();
    }

    // ---- clients

    public final B topics(int count) {
        this.topics = count;
        return self();
    }

    /** Topic names are this prefix and the topic's number. */
    public final B topicPrefix(String prefix) {
        this.topicPrefix = prefix;
        return self();
    }

    /** Spread the clients' first attempts over this time (open model). */
    public final B connectWithin(Duration within) {
        this.connectWithin = within;
        return self();
    }

    public final B arrival(Arrival spacing) {
        this.arrival = spacing;
        return self();
    }

    /** At most this many attempts in progress at once (0: no cap). */
    public final B maxHandshakes(int max) {
        this.maxHandshakes = max;
        return self();
    }

    /** The reconnect policy (default: per scenario). */
    public final B reconnect(Reconnect policy) {
        this.reconnect = policy;
        return self();
    }

    public final B reconnectBase(Duration base) {
        this.reconnectBase = base;
        return self();
    }

    public final B reconnectCap(Duration cap) {
        this.reconnectCap = cap;
        return self();
    }

    /** Give up after this many attempts in a row (0: never). */
    public final B reconnectMaxAttempts(int attempts) {
        this.reconnectMaxAttempts = attempts;
        return self();
    }

    /** The largest WebSocket message or SSE event (and line) accepted. */
    public final B maxMessageBytes(long bytes) {
        this.maxMessageBytes = bytes;
        return self();
    }

    /** What all connections together may hold in messages received in part (default: {@link ReceiveBudget}). */
    public final B receiveBudget(long bytes) {
        this.receiveBudgetBytes = bytes;
        return self();
    }

    /** Event-loop threads carrying the clients (default: the number of cores). */
    public final B loops(int threads) {
        this.loops = threads;
        return self();
    }

    /**
     * The socket transport (default {@link #DEFAULT_TRANSPORT}): {@code EPOLL}, {@code IO_URING} or {@code NIO}; one
     * that does not load here falls back to the next (io_uring to epoll to NIO), said once in the log.
     */
    public final B transport(Transport value) {
        this.transport = java.util.Objects.requireNonNull(value, "transport");
        return self();
    }

    /** Seed of random choices (Poisson arrivals, reconnect jitter, random feeder rows), so runs repeat. */
    public final B seed(long value) {
        this.seed = value;
        return self();
    }

    /** Local addresses client sockets bind to, in turn (empty: the system chooses; default: {@link LoopbackSources}). */
    public final B sourceAddresses(List<InetAddress> addresses) {
        this.sourceAddresses = List.copyOf(addresses);
        return self();
    }

    /** Subscriber clients (connect-storm, steady and reconnect-storm call them clients; capacity adds its own). */
    public final B subscribers(int count) {
        this.subscribers = count;
        return self();
    }

    // ---- messages

    /**
     * Messages published a second, all topics together (default: per scenario); connect-storm and capacity publish
     * nothing.
     */
    public final B rate(double messagesPerSecond) {
        this.rate = messagesPerSecond;
        return self();
    }

    /** How long to publish (broadcast) or hold the clients (steady); default: per scenario. */
    public final B duration(Duration length) {
        this.duration = length;
        return self();
    }

    /** Message size in bytes: the stamp and padding, or the template filled to this size. */
    public final B size(long bytes) {
        this.sizeBytes = bytes;
        return self();
    }

    /** A payload template with {@code {{stamp}}} once (and optionally {@code {{padding}}} after it). */
    public final B template(String payloadTemplate) {
        this.template = payloadTemplate;
        return self();
    }

    /** Send WebSocket binary frames instead of text frames. */
    public final B binary(boolean frames) {
        this.binary = frames;
        return self();
    }

    /** The Content-Type of HTTP publishes. */
    public final B contentType(String type) {
        this.contentType = type;
        return self();
    }

    /** HTTP publish connections. */
    public final B publishConnections(int connections) {
        this.publishConnections = connections;
        return self();
    }

    /** Requests pipelined on one HTTP publish connection. */
    public final B publishInFlight(int requests) {
        this.publishInFlight = requests;
        return self();
    }

    /** How long to wait for the last deliveries after publishing ends. */
    public final B drain(Duration wait) {
        this.drain = wait;
        return self();
    }

    // ---- the run

    /** An explicit timeline instead of the scenario's own (a scenario file's {@code stages}). */
    public final B timeline(List<Stage> stages) {
        this.timeline = List.copyOf(stages);
        return self();
    }

    /**
     * A stage between connecting and the measured phase, for processes of one run that must begin measuring
     * together.
     */
    public final B startBarrier(Stage barrier) {
        this.startBarrier = barrier;
        return self();
    }

    /** A threshold, checked against the result (grammar: docs/thresholds.md), e.g. {@code latency.p99 < 50ms}. */
    public final B threshold(String expression) {
        try {
            thresholds.add(ThresholdParser.parse(expression));
        } catch (ThresholdSyntaxException e) {
            throw new InvalidOptionException("thresholds", "threshold (--threshold) " + e.getMessage());
        }
        return self();
    }

    public final B threshold(ThresholdExpression expression) {
        thresholds.add(expression);
        return self();
    }

    /** This process publishes only or subscribes only, in a run split by role. */
    public final B role(WorkerRole processRole) {
        this.role = processRole;
        return self();
    }

    /** The run id the stamps carry (32 bits), shared by the processes of one run; random when not given. */
    public final B runId(long id) {
        this.runId = id;
        return self();
    }

    /** Take slice {@code index} of a run split over {@code count} processes (see {@link Slice}). */
    public final B slice(int index, int count) {
        if (sliced) {
            throw new IllegalStateException("this builder was already narrowed to slice " + slice);
        }
        try {
            this.slice = new Slice(index, count);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(null, "slice " + index + "/" + count + " is not I/N with 0 <= I < N");
        }
        return self();
    }

    /**
     * Connect at once, but begin the measured phase at {@code instant} (wall clock): the slices of one run started
     * seconds apart measure together. A slice that gets there later than {@link #startTolerance} fails.
     */
    public final B startAt(java.time.Instant instant) {
        this.startAt = instant;
        return self();
    }

    public final B startTolerance(Duration late) {
        this.startTolerance = late;
        return self();
    }

    /** Is told each second's figures during the run (a live view, an interval log). */
    public final B listener(IntervalListener listener) {
        listeners.add(listener);
        return self();
    }

    // ---- what a front end reads back (a worker coordinator, a file reader's own checks)

    /** The subscribe URL template given, or null. */
    public final String url() {
        return url;
    }

    /** The publish URL template given, or null. */
    public final String publishUrl() {
        return publishUrl;
    }

    public final int topics() {
        return topics;
    }

    public final int subscribers() {
        return subscribers;
    }

    /** The message size this scenario will use: the one given, or the scenario's default. */
    public final long effectiveSizeBytes() {
        return sizeBytes == null ? defaultSizeBytes() : sizeBytes;
    }

    public final long maxMessageBytes() {
        return maxMessageBytes;
    }

    /** The reconnect policy this scenario will use: the one given, or the scenario's default. */
    public final Reconnect effectiveReconnect() {
        return reconnectKind();
    }

    /** True when the WebSockets speak a protocol that subscribes (the topic is in its frames, not the URL). */
    public final boolean speaksProtocol() {
        return protocol != null ? protocol.subscribes() : !RawProtocol.NAME.equals(protocolName);
    }

    /** The explicit timeline given ({@link #timeline(List)}), empty for the scenario's own. */
    public final List<Stage> timeline() {
        return timeline;
    }

    /** Whether the scenario's timeline publishes (connect-storm and capacity only connect). */
    public final boolean publishes() {
        return timeline.isEmpty() ? publishesByDefault() : timeline.stream().anyMatch(ScenarioBuilder::publishes);
    }

    /** Whether the scenario's own timeline publishes. */
    protected boolean publishesByDefault() {
        return true;
    }

    public final long seed() {
        return seed;
    }

    public final Arrival arrival() {
        return arrival;
    }

    public final int maxHandshakes() {
        return maxHandshakes;
    }

    /** The rate given, or null for the scenario's default. */
    public final Double rate() {
        return rate;
    }

    /** The duration given, or null for the scenario's default. */
    public final Duration duration() {
        return duration;
    }

    public final Duration drain() {
        return drain;
    }

    public final Duration connectWithin() {
        return connectWithin;
    }

    public final Duration connectTimeout() {
        return connectTimeout;
    }

    public final List<ThresholdExpression> thresholds() {
        return List.copyOf(thresholds);
    }

    public final WorkerRole role() {
        return role;
    }

    /** The run id given, or null. */
    public final Long runId() {
        return runId;
    }

    public final Slice slice() {
        return slice;
    }

    /** Runs the scenario to its end and checks the thresholds: the typed result, {@link RunResult#passed()}. */
    public final RunResult run() {
        return new ScenarioRun(build(), thresholds, role, runId, listeners).execute();
    }

    /**
     * The engine's scenario, every option checked. A scenario split by {@link #slice} is narrowed to its slice first.
     */
    public final Scenario build() {
        if (slice != null && !sliced) {
            applySlice(slice);
            sliced = true; // a builder built again (a retry, a second run) is not narrowed twice
        }
        if (role == WorkerRole.PUBLISHER) {
            subscribers = 0;
        }
        List<Stage> stages = timeline.isEmpty() ? builtInTimeline() : timeline;
        return scenario(startAt == null ? stages : startingAt(stages));
    }

    /** {@code stages} with the start instant's wait after the connect stage, or first when none leads. */
    private List<Stage> startingAt(List<Stage> stages) {
        check(!startTolerance.isNegative(), "start_tolerance", "start_tolerance (--start-tolerance) must not be "
                + "negative");
        List<Stage> held = new ArrayList<>(stages);
        held.add(!held.isEmpty() && held.get(0) instanceof Stage.Connect ? 1 : 0,
                new StartAtStage(startAt, startTolerance));
        return held;
    }

    // ---- what each scenario adds

    /** The scenario's stages, its own options checked. */
    protected abstract List<Stage> builtInTimeline();

    /** The reconnect policy of this scenario when none is given. */
    protected abstract Reconnect defaultReconnect();

    /** The message size of this scenario when none is given. */
    protected long defaultSizeBytes() {
        return DEFAULT_SIZE_BYTES;
    }

    /** Narrows this scenario to one slice of a run split over processes; scenarios that act as a whole refuse. */
    protected void applySlice(Slice s) {
        throw new InvalidOptionException(null, "slices (--workers, --slice) split " + String.join(", ",
                Slice.SCENARIOS) + "; " + name + " acts on the target as a whole and runs in one process");
    }

    /**
     * The slicing every splittable scenario shares: whole topics when there are at least as many topics as slices
     * (topics {@code i, i + n, …}, their subscribers and their share of the rate), else an even share of the
     * subscribers over every topic with slice 0 publishing alone; a handshake cap shared out, the seed per slice.
     */
    protected final void sliceClientsAndTopics(Slice s) {
        if (s.byTopics(topics)) {
            int mine = s.topicsOf(topics);
            subscribers = s.subscribersOfTopics(subscribers, topics);
            if (rate != null) {
                rate = rate * mine / topics;
            }
            topicFirst = s.index();
            topicStride = s.count();
            topics = mine;
        } else {
            subscribers = s.evenShare(subscribers);
            if (s.index() > 0 && role == WorkerRole.BOTH) {
                role = WorkerRole.SUBSCRIBER;
            }
        }
        if (maxHandshakes > 0) {
            maxHandshakes = Math.max(1, (maxHandshakes + s.count() - 1) / s.count());
        }
        seed = seed + s.index();
    }

    /** The connect stage of the built-in timelines. */
    protected final Stage.Connect connectStage() {
        return new Stage.Connect(connectWithin, arrival == Arrival.POISSON, maxHandshakes);
    }

    /** Connect, then the measured stage, with the start barrier between them when there is one. */
    protected final List<Stage> connectThen(Stage measured) {
        return startBarrier == null ? List.of(connectStage(), measured)
                : List.of(connectStage(), startBarrier, measured);
    }

    protected final Reconnect reconnectKind() {
        return reconnect != null ? reconnect : defaultReconnect();
    }

    /** The rate given, checked positive, or {@code fallback}. */
    protected final double rateOr(double fallback) {
        double r = rate == null ? fallback : rate;
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new InvalidOptionException("publish.rate", "rate (--rate) must be a positive number of messages per "
                    + "second, not " + r);
        }
        return r;
    }

    protected final Duration durationOr(Duration fallback) {
        return duration == null ? fallback : duration;
    }

    protected final String topicPrefixValue() {
        return topicPrefix;
    }

    // ---- the scenario

    private Scenario scenario(List<Stage> stages) {
        TargetUrl subscribeUrl = parseUrl(url, "target.url", "url (--url)");
        TargetUrl pubUrl = publishUrl == null ? null : parseUrl(publishUrl, "target.publish_url",
                "publish_url (--publish-url)");
        WireProtocol wire = protocol();
        if (!subscribeUrl.hasTopicPlaceholder() && topics > 1 && !wire.subscribes()) {
            throw new InvalidOptionException("clients.topics", "url (--url) has no {topic} placeholder, so " + topics
                    + " topics would all use the same URL; add {topic}, use one topic, or speak a protocol that "
                    + "subscribes (--protocol)");
        }
        boolean publishes = stages.stream().anyMatch(ScenarioBuilder::publishes);
        if (publishes && pubUrl == null && !subscribeUrl.isWebSocket()) {
            throw new InvalidOptionException("target.publish_url", "publish_url (--publish-url) is required to "
                    + "publish to an SSE target (SSE is one-way), e.g. http://host/pub/{topic}");
        }
        for (String headerName : headers.keySet()) {
            if (!isHeaderName(headerName)) {
                throw new InvalidOptionException("target.headers", "header (-H) '" + headerName
                        + "' is not a header name (expected NAME=VALUE)");
            }
        }
        check(subscribers >= 0, "clients.subscribers", "subscribers (--subscribers, --clients) must not be negative, "
                + "not " + subscribers);
        check(topics >= 1, "clients.topics", "topics (--topics) must be at least 1");
        check(loops == null || loops >= 1, "clients.loops", "loops (--loops) must be at least 1, not " + loops);
        check(maxHandshakes >= 0, "clients.max_handshakes", "max_handshakes (--max-handshakes) must not be negative "
                + "(0 = no cap), not " + maxHandshakes);
        check(!connectTimeout.isZero() && !connectTimeout.isNegative(), "target.connect_timeout",
                "connect_timeout (--connect-timeout) must be longer than 0");
        check(maxMessageBytes >= 1, "clients.max_message_bytes",
                "max_message_bytes (--max-message-bytes) must be at least 1 byte");
        long size = sizeBytes == null ? defaultSizeBytes() : sizeBytes;
        check(size <= Integer.MAX_VALUE && size <= maxMessageBytes, "publish.size", "size (--size) " + size
                + " is larger than max_message_bytes (--max-message-bytes) " + maxMessageBytes);
        check(publishConnections >= 1, "publish.connections", "connections (--publish-connections) must be at least 1");
        check(publishInFlight >= 1, "publish.in_flight", "in_flight (--publish-in-flight) must be at least 1");
        try {
            PayloadTemplate.parse(template, (int) size);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("publish.template", "template (--template): " + e.getMessage());
        }
        ReconnectPolicy policy = reconnectPolicy();
        TrustMaterial trust = trust();
        Feeder rows = feederRows();
        boolean speaksTls = subscribeUrl.tls() || (pubUrl != null && pubUrl.tls());
        TlsOptions tls = tls(speaksTls, rows, stages);
        try {
            ClientOptions client = new ClientOptions(headers, subprotocols, permessageDeflate, insecure, trust,
                    connectTimeout, policy, (int) Math.min(Integer.MAX_VALUE, maxMessageBytes), true, seed,
                    sourceAddresses != null ? sourceAddresses : LoopbackSources.forTarget(subscribeUrl),
                    receiveBudgetBytes != null ? receiveBudgetBytes : ReceiveBudget.defaultBytes(), wire, rows, tls);
            MessageSpec message = new MessageSpec((int) size, template, binary, contentType, publishConnections,
                    publishInFlight);
            return new Scenario(name, subscribeUrl, pubUrl, subscribers, topics, topicPrefix, client, message, stages,
                    loops == null ? Runtime.getRuntime().availableProcessors() : loops, topicFirst, topicStride,
                    redaction(), slice == null ? null : slice.toString(), transport);
        } catch (InvalidOptionException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(null, e.getMessage());
        }
    }

    /** Whether a stage publishes (the scenario then needs somewhere to publish). */
    static boolean publishes(Stage stage) {
        return stage instanceof Stage.Publish || stage instanceof PublishingStage;
    }

    private WireProtocol protocol() {
        if (protocol != null) {
            return protocol;
        }
        try {
            return WireProtocols.builtIn(protocolName, protocolOptions);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("target.protocol", "protocol (--protocol " + protocolName + "): "
                    + e.getMessage());
        }
    }

    private Feeder feederRows() {
        if (feeder == null && feederFile == null) {
            check(feederOrder == null && feederSecrets.isEmpty(), "target.feeder", (feederOrder != null
                    ? "feeder_order (--feeder-order)" : "feeder_secret (--feeder-secret)") + " needs feeder (--feeder)");
            return null;
        }
        try {
            Feeder rows = (feeder != null ? feeder : FeederReader.read(feederFile))
                    .order(feederOrder == null ? DEFAULT_FEEDER_ORDER : feederOrder, seed);
            for (String column : feederSecrets) {
                rows = rows.secret(column);
            }
            return rows;
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("target.feeder.file", "feeder (--feeder): " + e.getMessage());
        }
    }

    private TrustMaterial trust() {
        if (trustCert == null) {
            check(trustStorePassword == null, "target.trust_store_password",
                    "trust_store_password (--trust-store-password) needs trust_cert (--trust-cert)");
            return null;
        }
        try {
            return TrustMaterial.load(trustCert, trustStorePassword);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("target.trust_cert", "trust_cert (--trust-cert): " + e.getMessage());
        }
    }

    /**
     * The TLS options, each checked; when the run speaks TLS, also that the provider loads and that every client
     * certificate the clients known now would show can be read (per-client files are read again when each client is
     * made: a run never reads a file on an event loop).
     */
    private TlsOptions tls(boolean speaksTls, Feeder rows, List<Stage> stages) {
        check(tlsProvider != null, "target.tls.provider", "tls provider (--tls-provider) must be auto, openssl or jdk");
        check(tlsVersions != null && !tlsVersions.isEmpty(), "target.tls.versions",
                "tls versions (--tls-versions) must name at least one version (TLSv1.3, TLSv1.2)");
        TlsOptions tls;
        try {
            tls = TlsOptions.defaults().withProvider(tlsProvider).withResume(tlsResume).withVersions(tlsVersions);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("target.tls.versions", e.getMessage());
        }
        try {
            tls = tls.withAlpn(alpn);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("target.tls.alpn", e.getMessage());
        }
        try {
            tls = tls.withSni(sni);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("target.tls.sni", e.getMessage());
        }
        try {
            tls = tls.withClientCertificate(clientCert, clientKey, clientKeyPassword).withBaseDir(tlsFilesDir);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(clientCert == null ? "target.tls.client_key" : "target.tls.client_cert",
                    e.getMessage());
        }
        if (!speaksTls) {
            return tls;
        }
        try {
            tlsProvider.resolve();
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("target.tls.provider", "tls provider (--tls-provider openssl): "
                    + e.getMessage());
        }
        if (tls.clientCert() != null) {
            checkClientCertificates(tls, rows, stages);
        }
        return tls;
    }

    /**
     * Checks the placeholders of the certificate and key paths, then reads each distinct certificate and key the known
     * clients name (their placeholders filled), once.
     */
    private void checkClientCertificates(TlsOptions tls, Feeder rows, List<Stage> stages) {
        try {
            ClientPlaceholders.checkUrl("client_cert (--client-cert)", tls.clientCert(), rows);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("target.tls.client_cert", e.getMessage());
        }
        if (tls.clientKey() != null) {
            try {
                ClientPlaceholders.checkUrl("client_key (--client-key)", tls.clientKey(), rows);
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException("target.tls.client_key", e.getMessage());
            }
        }
        boolean publishing = stages.stream().anyMatch(ScenarioBuilder::publishes);
        int clients = !tls.certificatePerClient() ? 1
                : Math.max(1, Math.max(subscribers, publishing ? Math.max(topics, publishConnections) : 0));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int client = 0; client < clients; client++) {
            int index = client;
            java.util.function.Function<String, String> lookup = name -> switch (name) {
                case "client" -> Integer.toString(index);
                case "topic" -> topicPrefix + (index % topics);
                case "topic_index" -> Integer.toString(index % topics);
                case "run" -> "00000000";
                default -> {
                    int column = rows == null ? -1 : rows.column(name);
                    yield column < 0 ? null : rows.value(index, column);
                }
            };
            String cert = ClientPlaceholders.expand(tls.clientCert(), lookup);
            String key = tls.clientKey() == null ? null : ClientPlaceholders.expand(tls.clientKey(), lookup);
            if (!seen.add(cert + '\n' + key)) {
                continue;
            }
            try {
                ClientIdentity.load(tls.resolve(cert), key == null ? null : tls.resolve(key), clientKeyPassword);
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException("target.tls.client_cert", "client_cert (--client-cert"
                        + (key == null ? "" : ", --client-key") + ")" + (tls.certificatePerClient() ? " of client "
                        + client : "") + ": " + e.getMessage());
            }
        }
    }

    /** The reconnect policy the options describe. */
    public final ReconnectPolicy reconnectPolicy() {
        Reconnect kind = reconnectKind();
        check(reconnectMaxAttempts >= 0, "clients.reconnect.max_attempts", "max_attempts (--reconnect-max-attempts) "
                + "must not be negative (0 = no limit), not " + reconnectMaxAttempts);
        if (kind == Reconnect.EXPONENTIAL) {
            check(!reconnectBase.isZero(), "clients.reconnect.base", "base (--reconnect-base) must be longer than 0");
            check(reconnectCap.compareTo(reconnectBase) >= 0, "clients.reconnect.cap", "cap (--reconnect-cap) "
                    + reconnectCap.toMillis() + "ms is shorter than base (--reconnect-base) " + reconnectBase.toMillis()
                    + "ms");
        }
        try {
            return switch (kind) {
                case NONE -> ReconnectPolicy.none();
                case IMMEDIATE -> ReconnectPolicy.immediate(reconnectMaxAttempts);
                case EXPONENTIAL -> ReconnectPolicy.exponential(reconnectBase, reconnectCap, reconnectMaxAttempts);
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("clients.reconnect", "reconnect: " + e.getMessage());
        }
    }

    /** What the run's results and console mask: the names given, and the secrets only the options know. */
    public final RedactionPolicy redaction() {
        Set<String> secrets = new LinkedHashSet<>();
        if (trustStorePassword != null) {
            secrets.add(trustStorePassword);
        }
        if (clientKeyPassword != null) {
            secrets.add(clientKeyPassword);
        }
        return new RedactionPolicy(redact, showHeaders, secrets);
    }

    /** Whether {@code text} can be the name of an HTTP header (a token of RFC 9110). */
    public static boolean isHeaderName(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c < 127
                && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0));
    }

    /** Parses a target URL, with a port a connection can be made to. */
    public static TargetUrl targetUrl(String text) {
        TargetUrl parsed = TargetUrl.parse(text);
        if (parsed.port() < 1 || parsed.port() > 65535) {
            throw new IllegalArgumentException("port " + parsed.port() + " is out of range (expected 1-65535)");
        }
        return parsed;
    }

    private static TargetUrl parseUrl(String text, String key, String label) {
        if (text == null) {
            throw new InvalidOptionException(key, label + " is required");
        }
        try {
            return targetUrl(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(key, label + ": " + e.getMessage());
        }
    }

    /** Fails with {@code message}, naming option {@code key}, unless {@code ok}. */
    protected static void check(boolean ok, String key, String message) {
        if (!ok) {
            throw new InvalidOptionException(key, message);
        }
    }
}
