package dev.herd.cli.scenariofile;

import dev.herd.api.Arrival;
import dev.herd.api.BroadcastBuilder;
import dev.herd.api.CapacityBuilder;
import dev.herd.api.ConnectStormBuilder;
import dev.herd.api.Disrupt;
import dev.herd.api.Herd;
import dev.herd.api.Reconnect;
import dev.herd.api.ReconnectStormBuilder;
import dev.herd.api.ScenarioBuilder;
import dev.herd.api.SlowSubscriberBuilder;
import dev.herd.api.SteadyBuilder;
import dev.herd.cli.convert.ByteRateConverter;
import dev.herd.cli.UsageException;
import dev.herd.cli.scenario.ProtocolChoice;
import dev.herd.engine.protocol.WireProtocols;
import dev.herd.engine.feeder.Feeder;
import dev.herd.engine.feeder.FeederOrder;
import dev.herd.engine.tls.TlsProvider;
import dev.herd.engine.feeder.FeederReader;
import dev.herd.engine.client.TrustMaterial;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.threshold.ThresholdExpression;
import dev.herd.engine.threshold.ThresholdParser;
import dev.herd.engine.threshold.ThresholdSyntaxException;
import dev.herd.engine.transport.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a YAML scenario file (format in docs/scenarios.md) onto the engine's builder of its scenario. Every key is
 * known: an unknown or misspelt key, a value of the wrong type or out of range, a missing required key or
 * an unset {@code ${VAR}} is a {@link ScenarioFileException} naming the file, line and field.
 *
 * <pre>{@code
 * ScenarioFile f = new ScenarioFileReader(Map.of("PORT", "8080")).read(Path.of("broadcast.yaml"));
 * }</pre>
 */
public final class ScenarioFileReader {

    private static final Map<String, Arrival> ARRIVALS = choices("even", Arrival.EVEN, "poisson", Arrival.POISSON);
    private static final Map<String, Transport> TRANSPORTS = choices(Transport.EPOLL.key(), Transport.EPOLL,
            Transport.IO_URING.key(), Transport.IO_URING, Transport.NIO.key(), Transport.NIO);
    private static final Map<String, FeederOrder> FEEDER_ORDERS = choices("sequential", FeederOrder.SEQUENTIAL,
            "circular", FeederOrder.CIRCULAR, "random", FeederOrder.RANDOM);
    private static final Map<String, Reconnect> POLICIES = choices(
            "none", Reconnect.NONE, "immediate", Reconnect.IMMEDIATE, "exponential", Reconnect.EXPONENTIAL);

    private final Map<String, String> variables;
    private final Map<String, String> environment;

    public ScenarioFileReader(Map<String, String> variables) {
        this(variables, System.getenv());
    }

    public ScenarioFileReader(Map<String, String> variables, Map<String, String> environment) {
        this.variables = Map.copyOf(variables);
        this.environment = Map.copyOf(environment);
    }

    public ScenarioFile read(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioFileException(name, 1, "does not exist");
        } catch (IOException e) {
            throw new ScenarioFileException(name, 1, "cannot be read ("
                    + (e instanceof AccessDeniedException ? "permission denied" : e.getMessage()) + ")");
        }
        return parse(name, text);
    }

    public ScenarioFile parse(String name, String text) {
        String substituted = new VariableSubstitution(name, variables, environment).apply(text);
        YamlNode root = new YamlTreeParser(name).parse(substituted);
        Section top = new Section(name, "", root);
        // The scenario decides which builder the rest of the file fills, so it is read first wherever it stands.
        FieldValue scenarioKey = find(name, root, "scenario");
        String scenario = scenarioKey == null ? "broadcast" : scenarioKey.choice(scenarioNames());
        ScenarioBuilder<?> b = Herd.scenario(scenario);
        Path[] out = {null};
        boolean[] quiet = {false};
        Path base = baseDirectory(name);
        top.read(new Handlers()
                .on("scenario", v -> { })
                .on("target", v -> readTarget(v.section(), b, base))
                .on("clients", v -> readClients(v.section(), b))
                .on("publish", v -> readPublish(v.section(), b))
                .on("duration", v -> b.duration(v.duration()))
                .on("drain", v -> b.drain(v.duration()))
                .on("hold", v -> as(v, b, ConnectStormBuilder.class).hold(v.duration()))
                .on("steady", v -> readSteady(v.section(), as(v, b, SteadyBuilder.class)))
                .on("sweep", v -> readSweep(v.section(), as(v, b, BroadcastBuilder.class)))
                .on("capacity", v -> readCapacity(v.section(), as(v, b, CapacityBuilder.class)))
                .on("reconnect_storm", v -> readReconnectStorm(v.section(), as(v, b, ReconnectStormBuilder.class)))
                .on("slow_subscribers", v -> readSlowSubscribers(v.section(), as(v, b, SlowSubscriberBuilder.class)))
                .on("stages", v -> b.timeline(readStages(v.list(), b)))
                .on("thresholds", v -> readThresholds(v).forEach(b::threshold))
                .on("output", v -> readOutput(v.section(), out, quiet))
                .toMap());
        top.require("target", "target: {url: ws://127.0.0.1:8080/ws/{topic}}");
        checkAcrossSections(name, root, b);
        return new ScenarioFile(name, root, b, out[0], quiet[0]);
    }

    /** {@code builder} as the scenario a section belongs to; a section of another scenario is an error at its line. */
    private static <T> T as(FieldValue v, ScenarioBuilder<?> builder, Class<T> kind) {
        if (!kind.isInstance(builder)) {
            throw v.error("belongs to another scenario than " + builder.name());
        }
        return kind.cast(builder);
    }

    /**
     * What only makes sense across sections, checked here as the builder checks it for flags, so that the error names
     * the line of a key the file gives.
     */
    private static void checkAcrossSections(String name, YamlNode root, ScenarioBuilder<?> b) {
        FieldValue size = find(name, root, "publish", "size");
        FieldValue maxMessageBytes = find(name, root, "clients", "max_message_bytes");
        long sizeBytes = b.timeline().isEmpty() ? b.effectiveSizeBytes()
                : Herd.broadcast().effectiveSizeBytes(); // an explicit timeline: a plain message
        if (size != null) {
            sizeBytes = b.effectiveSizeBytes();
        }
        if (sizeBytes > b.maxMessageBytes()) {
            throw size != null
                    ? size.error(sizeBytes + " bytes is larger than clients.max_message_bytes (" + b.maxMessageBytes()
                            + ")")
                    : maxMessageBytes.error(b.maxMessageBytes() + " bytes is smaller than a message (" + sizeBytes
                            + " bytes; publish.size)");
        }
        FieldValue topics = find(name, root, "clients", "topics");
        if (b.topics() > 1 && !ScenarioBuilder.targetUrl(b.url()).hasTopicPlaceholder() && !b.speaksProtocol()) {
            throw topics.error(b.topics() + " topics need a {topic} placeholder in target.url, or they would all use "
                    + "the same URL (or a target.protocol that subscribes)");
        }
        if (b.publishes() && b.publishUrl() == null && !ScenarioBuilder.targetUrl(b.url()).isWebSocket()) {
            throw find(name, root, "target", "url").error("SSE is one-way: publishing to an SSE target needs "
                    + "target.publish_url (e.g. http://host/pub/{topic})");
        }
    }

    /** The value at {@code keys} (a path of mapping keys from the top), or null when the file does not give it. */
    private static FieldValue find(String name, YamlNode root, String... keys) {
        YamlNode node = root;
        for (String key : keys) {
            if (!(node instanceof YamlNode.Mapping m) || !m.entries().containsKey(key)) {
                return null;
            }
            node = m.entries().get(key).value();
        }
        return new FieldValue(name, String.join(".", keys), node);
    }

    private static Map<String, String> scenarioNames() {
        Map<String, String> names = new LinkedHashMap<>();
        Herd.SCENARIOS.forEach(n -> names.put(n, n));
        return names;
    }

    /** Where a relative path in the file is resolved from: the file's own directory. */
    private static Path baseDirectory(String name) {
        Path parent = Path.of(name).toAbsolutePath().getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static void readTarget(Section target, ScenarioBuilder<?> b, Path baseDirectory) {
        FieldValue[] trustCert = {null};
        FieldValue[] trustStorePassword = {null};
        Path[] trustFile = {null};
        target.read(new Handlers()
                .on("url", v -> b.url(url(v)))
                .on("publish_url", v -> b.publishUrl(url(v)))
                .on("headers", v -> b.headers(headers(v)))
                .on("subprotocols", v -> b.subprotocols(v.strings()))
                .on("redact", v -> v.strings().forEach(b::redact))
                .on("show_headers", v -> v.strings().forEach(b::showHeader))
                .on("permessage_deflate", v -> b.permessageDeflate(v.bool()))
                .on("insecure", v -> b.insecure(v.bool()))
                .on("trust_cert", v -> {
                    trustCert[0] = v;
                    trustFile[0] = readableFile(v, baseDirectory);
                    b.trustCert(trustFile[0]);
                })
                .on("trust_store_password", v -> {
                    trustStorePassword[0] = v;
                    b.trustStorePassword(v.string());
                })
                .on("connect_timeout", v -> b.connectTimeout(positive(v, v.duration())))
                .on("tls", v -> readTls(v.section(), b, baseDirectory))
                .on("protocol", v -> readProtocol(v, b, baseDirectory))
                .on("feeder", v -> readFeeder(v.section(), b, baseDirectory))
                .toMap());
        target.require("url", "url: ws://127.0.0.1:8080/ws/{topic}");
        if (trustCert[0] == null && trustStorePassword[0] != null) {
            throw trustStorePassword[0].error("is the password of a trust_cert truststore, but trust_cert is not set");
        }
        if (trustCert[0] != null) {
            try {
                // Opened now, so that a wrong password or a file that is no certificate is an error at this line.
                TrustMaterial.load(trustFile[0], trustStorePassword[0] == null ? null : trustStorePassword[0].string());
            } catch (IllegalArgumentException e) {
                throw trustCert[0].error(e.getMessage());
            }
        }
    }

    /**
     * {@code target.tls}: how the clients speak TLS. Certificate and key paths may name a file per client
     * ({@code {client}}, feeder columns); relative ones are relative to this file's directory, once filled.
     */
    private static void readTls(Section tls, ScenarioBuilder<?> b, Path baseDirectory) {
        Map<String, TlsProvider> providers = new LinkedHashMap<>();
        for (TlsProvider p : TlsProvider.values()) {
            providers.put(p.key(), p);
        }
        b.tlsFilesRelativeTo(baseDirectory);
        tls.read(new Handlers()
                .on("provider", v -> b.tlsProvider(v.choice(providers)))
                .on("resume", v -> b.tlsResume(v.bool()))
                .on("client_cert", v -> b.clientCert(v.string()))
                .on("client_key", v -> b.clientKey(v.string()))
                .on("client_key_password", v -> b.clientKeyPassword(v.string()))
                .on("sni", v -> b.sni(v.string()))
                .on("versions", v -> b.tlsVersions(v.strings()))
                .on("alpn", v -> b.alpn(v.node() instanceof YamlNode.Sequence seq && seq.items().isEmpty()
                        ? List.of() : v.strings()))
                .toMap());
    }

    /**
     * {@code protocol: NAME|FILE}, a mapping {@code {name: NAME|FILE, options: {KEY: VALUE}}}, or a script written here
     * (a mapping with {@code subscribe:} and the other keys of a script file); resolved here so that an unknown
     * protocol, option or value is an error at its line; a mistake in a script file names this line, then the script's.
     */
    private static void readProtocol(FieldValue v, ScenarioBuilder<?> b, Path baseDirectory) {
        if (ScriptFileReader.isInline(v.node())) {
            b.protocol(ScriptFileReader.inline(v));
            return;
        }
        String[] protocolName = {null};
        Map<String, String> protocolOptions = new LinkedHashMap<>();
        FieldValue[] at = {v};
        FieldValue[] options = {v};
        if (v.node() instanceof YamlNode.Mapping) {
            Section protocol = v.section();
            protocol.read(new Handlers()
                    .on("name", n -> {
                        at[0] = n;
                        protocolName[0] = n.string();
                    })
                    .on("options", o -> {
                        options[0] = o;
                        o.mapping().forEach((key, value) -> protocolOptions.put(key, value.string()));
                    })
                    .toMap());
            protocol.require("name", "name: stomp, or a script's subscribe: here");
        } else {
            protocolName[0] = v.string();
        }
        Path script = WireProtocols.isBuiltIn(protocolName[0]) ? null
                : ProtocolChoice.scriptFile(protocolName[0], baseDirectory);
        if (script != null) {
            try {
                b.protocol(ScriptFileReader.read(script, protocolOptions));
            } catch (ScenarioFileException e) {
                // Named at this file's line, as a feeder's mistakes are: the script's own file and line follow.
                throw at[0].error(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw options[0].error(e.getMessage());
            }
            return;
        }
        try {
            b.protocol(ProtocolChoice.resolve(protocolName[0], protocolOptions, baseDirectory));
        } catch (UsageException e) {
            throw at[0].error(e.getMessage().replaceFirst("^protocol \\(--protocol[^)]*\\): ", ""));
        }
    }

    /** {@code feeder: {file: users.csv, order: circular, secret: [token]}}. */
    private static void readFeeder(Section feeder, ScenarioBuilder<?> b, Path baseDirectory) {
        FieldValue[] file = {null};
        Path[] path = {null};
        List<String> secrets = new java.util.ArrayList<>();
        feeder.read(new Handlers()
                .on("file", v -> {
                    file[0] = v;
                    path[0] = readableFile(v, baseDirectory);
                    b.feeder(path[0]);
                })
                .on("order", v -> b.feederOrder(v.choice(FEEDER_ORDERS)))
                .on("secret", v -> {
                    secrets.addAll(v.strings());
                    secrets.forEach(b::feederSecret);
                })
                .toMap());
        feeder.require("file", "file: users.csv");
        try {
            Feeder rows = FeederReader.read(path[0]);
            secrets.forEach(rows::secret);
        } catch (IllegalArgumentException e) {
            throw file[0].error(e.getMessage());
        }
    }

    /** A path relative to the scenario file's directory (or absolute) that must name a readable file. */
    private static Path readableFile(FieldValue v, Path baseDirectory) {
        Path file = baseDirectory.resolve(path(v));
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw v.error(file + " does not exist or cannot be read");
        }
        return file;
    }

    private static Map<String, String> headers(FieldValue v) {
        v.mapping().forEach((key, value) -> {
            if (!ScenarioBuilder.isHeaderName(key)) {
                throw value.error("'" + key + "' is not a header name");
            }
        });
        return v.stringMap();
    }

    /** The value as a path; one no file system can name (a NUL in it) is an error at its line. */
    private static Path path(FieldValue v) {
        try {
            return Path.of(v.string());
        } catch (InvalidPathException e) {
            throw v.error("'" + v.string() + "' is not a path (" + e.getReason() + ")");
        }
    }

    private static String url(FieldValue v) {
        String text = v.string();
        try {
            ScenarioBuilder.targetUrl(text);
        } catch (IllegalArgumentException e) {
            throw v.error(e.getMessage());
        }
        return text;
    }

    private static void readClients(Section clients, ScenarioBuilder<?> b) {
        clients.read(new Handlers()
                .on("subscribers", v -> b.subscribers(v.integer(0)))
                .on("topics", v -> b.topics(v.integer(1)))
                .on("topic_prefix", v -> b.topicPrefix(v.string()))
                .on("connect_within", v -> b.connectWithin(v.duration()))
                .on("arrival", v -> b.arrival(v.choice(ARRIVALS)))
                .on("max_handshakes", v -> b.maxHandshakes(v.integer(0)))
                .on("reconnect", v -> readReconnect(v.section(), b))
                .on("max_message_bytes", v -> b.maxMessageBytes(atLeastOneByte(v, v.bytes())))
                .on("receive_budget", v -> b.receiveBudget(v.bytes()))
                .on("loops", v -> b.loops(v.integer(1)))
                .on("seed", v -> b.seed(v.longValue()))
                .on("source_addresses", v -> {
                    List<java.net.InetAddress> addresses = sourceAddresses(v);
                    if (addresses != null) { // null is auto: the builder's default
                        b.sourceAddresses(addresses);
                    }
                })
                .on("transport", v -> b.transport(v.choice(TRANSPORTS)))
                .toMap());
    }

    private static List<java.net.InetAddress> sourceAddresses(FieldValue v) {
        try {
            return dev.herd.cli.convert.SourceAddressesConverter.parse(String.join(",", v.strings()));
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw v.error(e.getMessage());
        }
    }

    private static void readReconnect(Section reconnect, ScenarioBuilder<?> b) {
        FieldValue[] base = {null};
        FieldValue[] cap = {null};
        Duration[] baseValue = {ScenarioBuilder.DEFAULT_RECONNECT_BASE};
        Duration[] capValue = {ScenarioBuilder.DEFAULT_RECONNECT_CAP};
        reconnect.read(new Handlers()
                .on("policy", v -> b.reconnect(v.choice(POLICIES)))
                .on("base", v -> {
                    base[0] = v;
                    baseValue[0] = positive(v, v.duration());
                    b.reconnectBase(baseValue[0]);
                })
                .on("cap", v -> {
                    cap[0] = v;
                    capValue[0] = positive(v, v.duration());
                    b.reconnectCap(capValue[0]);
                })
                .on("max_attempts", v -> b.reconnectMaxAttempts(v.integer(0)))
                .toMap());
        if (capValue[0].compareTo(baseValue[0]) < 0) {
            throw cap[0] != null ? cap[0].error("'" + cap[0].string() + "' is shorter than the base ("
                    + (base[0] != null ? base[0].string() : baseValue[0].toMillis() + "ms") + ")")
                    : base[0].error("'" + base[0].string() + "' is longer than the cap (" + capValue[0].toMillis()
                            + "ms)");
        }
    }

    private static void readReconnectStorm(Section storm, ReconnectStormBuilder r) {
        FieldValue[] command = {null};
        Disrupt[] disrupt = {null};
        storm.read(new Handlers()
                .on("disrupt", v -> {
                    disrupt[0] = v.choice(Disrupt.byKey());
                    r.disrupt(disrupt[0]);
                })
                .on("down", v -> r.down(v.duration()))
                .on("command", v -> {
                    command[0] = v;
                    r.disruptCommand(v.string());
                })
                .on("settle", v -> r.settle(v.duration()))
                .on("observe", v -> r.observe(positive(v, v.duration())))
                .toMap());
        if (disrupt[0] == Disrupt.COMMAND) {
            storm.require("command", "command: \"docker restart chat\"");
        } else if (disrupt[0] != null && command[0] != null) {
            throw command[0].error("a command and disrupt: " + disrupt[0].key() + " exclude each other; give one");
        }
    }

    private static void readPublish(Section publish, ScenarioBuilder<?> b) {
        publish.read(new Handlers()
                .on("rate", v -> b.rate(v.positiveNumber("500")))
                .on("size", v -> b.size(v.bytes()))
                .on("template", v -> b.template(template(v)))
                .on("binary", v -> b.binary(v.bool()))
                .on("content_type", v -> b.contentType(v.string()))
                .on("connections", v -> b.publishConnections(v.integer(1)))
                .on("in_flight", v -> b.publishInFlight(v.integer(1)))
                .toMap());
    }

    private static String template(FieldValue v) {
        String text = v.string();
        try {
            dev.herd.engine.publish.PayloadTemplate.parse(text, 0);
        } catch (IllegalArgumentException e) {
            throw v.error(e.getMessage());
        }
        return text;
    }

    private static void readSlowSubscribers(Section slow, SlowSubscriberBuilder b) {
        Object[] sized = {null};
        slow.read(new Handlers()
                .on("fraction", v -> b.slowFraction((double) (sized[0] = onlyOne(v, sized[0], aboveZero(v, v.fraction())))))
                .on("count", v -> b.slowCount((int) (sized[0] = onlyOne(v, sized[0], v.integer(1)))))
                .on("stall_after", v -> b.stallAfter(v.duration()))
                .on("stall_for", v -> b.stallFor(positive(v, v.duration())))
                .on("read_rate", v -> b.slowRead(byteRate(v)))
                .on("after", v -> b.after(v.duration()))
                .on("receive_buffer", v -> b.slowReceiveBuffer(receiveBuffer(v)))
                .toMap());
    }

    private static double aboveZero(FieldValue v, double fraction) {
        if (fraction == 0) {
            throw v.error("must be above 0 (expected e.g. 0.1 or 10%)");
        }
        return fraction;
    }

    private static long receiveBuffer(FieldValue v) {
        long bytes = v.bytes();
        if (bytes < 1 || bytes > Integer.MAX_VALUE) {
            throw v.error("'" + v.string() + "' is not 1 B-2 GiB");
        }
        return bytes;
    }

    /** {@code value}, unless the other way of sizing the slow group was given too. */
    private static <T> T onlyOne(FieldValue v, Object other, T value) {
        if (other != null) {
            throw v.error("give the slow group as a fraction or as a count, not both");
        }
        return value;
    }

    private static long byteRate(FieldValue v) {
        try {
            return ByteRateConverter.parse(v.string());
        } catch (TypeConversionException e) {
            throw v.error(e.getMessage());
        }
    }

    private static List<Stage> readStages(List<FieldValue> items, ScenarioBuilder<?> s) {
        List<Stage> stages = new java.util.ArrayList<>();
        for (FieldValue item : items) {
            Map<String, FieldValue> one = item.mapping();
            if (one.size() != 1) {
                throw item.error("each stage is a mapping with one key: connect, hold or publish");
            }
            Map.Entry<String, FieldValue> e = one.entrySet().iterator().next();
            FieldValue v = e.getValue();
            switch (e.getKey()) {
                case "connect" -> stages.add(readConnectStage(v, s));
                case "hold" -> stages.add(new Stage.Hold(v.duration()));
                case "publish" -> stages.add(readPublishStage(v, s));
                default -> throw item.error("unknown stage '" + e.getKey() + "'" + Section.suggestion(e.getKey(),
                        List.of("connect", "hold", "publish")) + " (expected one of: connect, hold, publish)");
            }
        }
        return stages;
    }

    private static Stage readConnectStage(FieldValue v, ScenarioBuilder<?> s) {
        Duration[] within = {s.connectWithin()};
        boolean[] poisson = {s.arrival() == Arrival.POISSON};
        int[] max = {s.maxHandshakes()};
        if (v.node() instanceof YamlNode.Mapping) {
            v.section().read(new Handlers()
                    .on("within", w -> within[0] = w.duration())
                    .on("arrival", w -> poisson[0] = w.choice(ARRIVALS) == Arrival.POISSON)
                    .on("max_handshakes", w -> max[0] = w.integer(0))
                    .toMap());
        } else if (!(v.node() instanceof YamlNode.Scalar sc && sc.text() == null)) {
            within[0] = v.duration();
        }
        return new Stage.Connect(within[0], poisson[0], max[0]);
    }

    private static Stage readPublishStage(FieldValue v, ScenarioBuilder<?> s) {
        double[] rate = {s.rate() == null ? 0 : s.rate()};
        Duration[] duration = {s.duration() == null ? ScenarioBuilder.DEFAULT_DURATION : s.duration()};
        Duration[] drain = {s.drain()};
        v.section().read(new Handlers()
                .on("rate", w -> rate[0] = w.positiveNumber("500"))
                .on("duration", w -> duration[0] = positive(w, w.duration()))
                .on("drain", w -> drain[0] = w.duration())
                .toMap());
        if (rate[0] <= 0) {
            throw v.error("needs a rate (here or in publish.rate), e.g. rate: 500");
        }
        return new Stage.Publish(rate[0], duration[0], drain[0]);
    }

    private static List<ThresholdExpression> readThresholds(FieldValue v) {
        List<ThresholdExpression> out = new java.util.ArrayList<>();
        List<FieldValue> items = v.node() instanceof YamlNode.Sequence ? v.list() : List.of(v);
        for (FieldValue item : items) {
            if (item.node() instanceof YamlNode.Mapping) {
                String[] text = {null};
                boolean[] abort = {false};
                Duration[] delay = {Duration.ZERO};
                Section section = item.section();
                section.read(new Handlers()
                        .on("expression", w -> text[0] = w.string())
                        .on("abort_on_fail", w -> abort[0] = w.bool())
                        .on("delay_abort_eval", w -> delay[0] = w.duration())
                        .toMap());
                section.require("expression", "expression: latency.p99 < 50ms");
                out.add(threshold(item, text[0]).withAbortOnFail(abort[0]).withDelayAbortEval(delay[0]));
            } else {
                out.add(threshold(item, item.string()));
            }
        }
        return out;
    }

    private static ThresholdExpression threshold(FieldValue where, String text) {
        try {
            return ThresholdParser.parse(text);
        } catch (ThresholdSyntaxException e) {
            throw where.error(e.getMessage());
        }
    }

    private static void readSteady(Section steady, SteadyBuilder s) {
        steady.read(new Handlers()
                .on("window", v -> s.window(positive(v, v.duration())))
                .toMap());
    }

    private static void readSweep(Section sweep, BroadcastBuilder s) {
        sweep.read(new Handlers()
                .on("subscribers", v -> {
                    List<Integer> counts = new java.util.ArrayList<>();
                    for (FieldValue item : v.list()) {
                        int n = item.integer(1);
                        if (!counts.isEmpty() && n <= counts.get(counts.size() - 1)) {
                            throw item.error(n + " is not larger than the count before it (expected increasing counts)");
                        }
                        counts.add(n);
                    }
                    s.sweep(counts);
                })
                .toMap());
    }

    private static final Map<String, CapacityBuilder.Ramp> RAMPS = choices(
            "steps", CapacityBuilder.Ramp.STEPS, "continuous", CapacityBuilder.Ramp.CONTINUOUS);

    private static void readCapacity(Section capacity, CapacityBuilder c) {
        capacity.read(new Handlers()
                .on("ramp", v -> c.ramp(v.choice(RAMPS)))
                .on("step", v -> c.step(v.integer(1)))
                .on("step_every", v -> c.stepEvery(positive(v, v.duration())))
                .on("rate", v -> c.rampRate(v.integer(1)))
                .on("settle", v -> c.settle(v.duration()))
                .on("max_handshake_p99", v -> c.maxHandshakeP99(positive(v, v.duration())))
                .on("max_error_rate", v -> c.maxErrorRate(v.fraction()))
                .on("limit", v -> c.limit(v.integer(1)))
                .toMap());
    }

    private static void readOutput(Section output, Path[] out, boolean[] quiet) {
        output.read(new Handlers()
                .on("dir", v -> out[0] = path(v))
                .on("quiet", v -> quiet[0] = v.bool())
                .toMap());
    }

    private static long atLeastOneByte(FieldValue v, long bytes) {
        if (bytes < 1) {
            throw v.error("must be at least 1 byte");
        }
        return bytes;
    }

    private static Duration positive(FieldValue v, Duration d) {
        if (d.isZero()) {
            throw v.error("must be longer than 0");
        }
        return d;
    }

    private static <E> Map<String, E> choices(Object... pairs) {
        Map<String, E> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            E value = (E) pairs[i + 1];
            map.put((String) pairs[i], value);
        }
        return map;
    }
}
