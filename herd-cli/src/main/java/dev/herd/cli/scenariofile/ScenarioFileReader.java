package dev.herd.cli.scenariofile;

import dev.herd.cli.convert.ByteRateConverter;
import dev.herd.cli.UsageException;
import dev.herd.cli.option.LoadOptions;
import dev.herd.cli.scenario.ProtocolChoice;
import dev.herd.engine.protocol.WireProtocols;
import dev.herd.engine.feeder.Feeder;
import dev.herd.engine.feeder.FeederOrder;
import dev.herd.engine.feeder.FeederReader;
import dev.herd.cli.scenario.BuiltInScenarios;
import dev.herd.cli.scenario.CapacitySettings;
import dev.herd.cli.scenario.ReconnectStormSettings;
import dev.herd.cli.scenario.ScenarioSettings;
import dev.herd.cli.scenario.SlowSubscriberSettings;
import dev.herd.engine.client.TrustMaterial;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.threshold.ThresholdExpression;
import dev.herd.engine.threshold.ThresholdParser;
import dev.herd.engine.threshold.ThresholdSyntaxException;
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
 * Reads a YAML scenario file (format in docs/scenarios.md) into {@link ScenarioSettings}. Every key is
 * known: an unknown or misspelt key, a value of the wrong type or out of range, a missing required key or
 * an unset {@code ${VAR}} is a {@link ScenarioFileException} naming the file, line and field.
 *
 * <pre>{@code
 * ScenarioSettings s = new ScenarioFileReader(Map.of("PORT", "8080")).read(Path.of("broadcast.yaml"));
 * }</pre>
 */
public final class ScenarioFileReader {

    private static final Map<String, Boolean> ARRIVALS = choices("even", false, "poisson", true);
    private static final Map<String, FeederOrder> FEEDER_ORDERS = choices("sequential", FeederOrder.SEQUENTIAL,
            "circular", FeederOrder.CIRCULAR, "random", FeederOrder.RANDOM);
    private static final Map<String, LoadOptions.Reconnect> POLICIES = choices(
            "none", LoadOptions.Reconnect.NONE, "immediate", LoadOptions.Reconnect.IMMEDIATE,
            "exponential", LoadOptions.Reconnect.EXPONENTIAL);

    private final Map<String, String> variables;
    private final Map<String, String> environment;

    public ScenarioFileReader(Map<String, String> variables) {
        this(variables, System.getenv());
    }

    public ScenarioFileReader(Map<String, String> variables, Map<String, String> environment) {
        this.variables = Map.copyOf(variables);
        this.environment = Map.copyOf(environment);
    }

    public ScenarioSettings read(Path file) {
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

    public ScenarioSettings parse(String name, String text) {
        String substituted = new VariableSubstitution(name, variables, environment).apply(text);
        YamlNode root = new YamlTreeParser(name).parse(substituted);
        Section top = new Section(name, "", root);
        ScenarioSettings s = new ScenarioSettings();
        top.read(new Handlers()
                .on("scenario", v -> s.scenario = v.choice(scenarioNames()))
                .on("target", v -> readTarget(v.section(), s, baseDirectory(name)))
                .on("clients", v -> readClients(v.section(), s))
                .on("publish", v -> readPublish(v.section(), s))
                .on("duration", v -> s.duration = v.duration())
                .on("drain", v -> s.drain = v.duration())
                .on("hold", v -> s.hold = v.duration())
                .on("steady", v -> readSteady(v.section(), s))
                .on("sweep", v -> readSweep(v.section(), s))
                .on("capacity", v -> readCapacity(v.section(), s))
                .on("reconnect_storm", v -> readReconnectStorm(v.section(), s))
                .on("slow_subscribers", v -> readSlowSubscribers(v.section(), s))
                .on("stages", v -> s.stages = readStages(v.list(), s))
                .on("thresholds", v -> s.thresholds = readThresholds(v))
                .on("output", v -> readOutput(v.section(), s))
                .toMap());
        top.require("target", "target: {url: ws://127.0.0.1:8080/ws/{topic}}");
        checkAcrossSections(name, root, s);
        return s;
    }

    /**
     * What only makes sense across sections, checked here as {@link ScenarioSettings#toScenario} checks it for flags,
     * so that the error names the line of a key the file gives.
     */
    private static void checkAcrossSections(String name, YamlNode root, ScenarioSettings s) {
        FieldValue size = find(name, root, "publish", "size");
        FieldValue maxMessageBytes = find(name, root, "clients", "max_message_bytes");
        long sizeBytes = s.size != null ? s.size : s.scenario.equals("slow-subscriber") && s.stages.isEmpty()
                ? SlowSubscriberSettings.DEFAULT_SIZE_BYTES : ScenarioSettings.DEFAULT_SIZE_BYTES;
        if (sizeBytes > s.maxMessageBytes) {
            throw size != null
                    ? size.error(sizeBytes + " bytes is larger than clients.max_message_bytes (" + s.maxMessageBytes
                            + ")")
                    : maxMessageBytes.error(s.maxMessageBytes + " bytes is smaller than a message (" + sizeBytes
                            + " bytes; publish.size)");
        }
        FieldValue topics = find(name, root, "clients", "topics");
        if (s.topics > 1 && !ScenarioSettings.targetUrl(s.url).hasTopicPlaceholder() && !s.speaksProtocol()) {
            throw topics.error(s.topics + " topics need a {topic} placeholder in target.url, or they would all use "
                    + "the same URL (or a target.protocol that subscribes)");
        }
        boolean publishes = s.stages.isEmpty() ? BuiltInScenarios.publishes(s.scenario)
                : s.stages.stream().anyMatch(st -> st instanceof Stage.Publish);
        if (publishes && s.publishUrl == null && !ScenarioSettings.targetUrl(s.url).isWebSocket()) {
            throw find(name, root, "target", "url").error("SSE is one-way: publishing to an SSE target needs "
                    + "target.publish_url (e.g. http://host/pub/{topic})");
        }
        if (!s.stages.isEmpty()) {
            return;
        }
        FieldValue policy = find(name, root, "clients", "reconnect", "policy");
        if (s.scenario.equals("reconnect-storm") && s.reconnect == LoadOptions.Reconnect.NONE) {
            throw policy.error("a reconnect storm needs clients that reconnect: immediate or exponential");
        }
        if (s.scenario.equals("slow-subscriber")) {
            String tooLarge = s.slowSubscribers.tooLarge(s.subscribers, s.topics);
            FieldValue count = find(name, root, "slow_subscribers", "count");
            FieldValue fraction = find(name, root, "slow_subscribers", "fraction");
            FieldValue subscribers = find(name, root, "clients", "subscribers");
            FieldValue where = count != null ? count : fraction != null ? fraction : subscribers != null ? subscribers
                    : topics;
            if (tooLarge != null && where != null) {
                throw where.error(tooLarge);
            }
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
        BuiltInScenarios.NAMES.forEach(n -> names.put(n, n));
        return names;
    }

    /** Where a relative path in the file is resolved from: the file's own directory. */
    private static Path baseDirectory(String name) {
        Path parent = Path.of(name).toAbsolutePath().getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static void readTarget(Section target, ScenarioSettings s, Path baseDirectory) {
        FieldValue[] trustCert = {null};
        FieldValue[] trustStorePassword = {null};
        target.read(new Handlers()
                .on("url", v -> s.url = url(v))
                .on("publish_url", v -> s.publishUrl = url(v))
                .on("headers", v -> s.headers = headers(v))
                .on("subprotocols", v -> s.subprotocols = v.strings())
                .on("redact", v -> s.redact = v.strings())
                .on("show_headers", v -> s.showHeaders = v.strings())
                .on("permessage_deflate", v -> s.permessageDeflate = v.bool())
                .on("insecure", v -> s.insecure = v.bool())
                .on("trust_cert", v -> {
                    trustCert[0] = v;
                    s.trustCert = readableFile(v, baseDirectory);
                })
                .on("trust_store_password", v -> {
                    trustStorePassword[0] = v;
                    s.trustStorePassword = v.string();
                })
                .on("connect_timeout", v -> s.connectTimeout = positive(v, v.duration()))
                .on("protocol", v -> readProtocol(v, s, baseDirectory))
                .on("feeder", v -> readFeeder(v.section(), s, baseDirectory))
                .toMap());
        target.require("url", "url: ws://127.0.0.1:8080/ws/{topic}");
        if (trustCert[0] == null && trustStorePassword[0] != null) {
            throw trustStorePassword[0].error("is the password of a trust_cert truststore, but trust_cert is not set");
        }
        if (trustCert[0] != null) {
            try {
                // Opened now, so that a wrong password or a file that is no certificate is an error at this line.
                TrustMaterial.load(s.trustCert, s.trustStorePassword);
            } catch (IllegalArgumentException e) {
                throw trustCert[0].error(e.getMessage());
            }
        }
    }

    /**
     * {@code protocol: NAME|FILE}, a mapping {@code {name: NAME|FILE, options: {KEY: VALUE}}}, or a script written here
     * (a mapping with {@code subscribe:} and the other keys of a script file); resolved here so that an unknown
     * protocol, option or value is an error at its line; a mistake in a script file names this line, then the script's.
     */
    private static void readProtocol(FieldValue v, ScenarioSettings s, Path baseDirectory) {
        if (ScriptFileReader.isInline(v.node())) {
            s.inlineProtocol = ScriptFileReader.inline(v);
            s.protocol = s.inlineProtocol.name();
            return;
        }
        FieldValue[] at = {v};
        FieldValue[] options = {v};
        if (v.node() instanceof YamlNode.Mapping) {
            Section protocol = v.section();
            protocol.read(new Handlers()
                    .on("name", n -> {
                        at[0] = n;
                        s.protocol = n.string();
                    })
                    .on("options", o -> {
                        options[0] = o;
                        Map<String, String> given = new LinkedHashMap<>();
                        o.mapping().forEach((key, value) -> given.put(key, value.string()));
                        s.protocolOptions = given;
                    })
                    .toMap());
            protocol.require("name", "name: stomp, or a script's subscribe: here");
        } else {
            s.protocol = v.string();
        }
        s.protocolBaseDir = baseDirectory;
        Path script = WireProtocols.isBuiltIn(s.protocol) ? null : ProtocolChoice.scriptFile(s.protocol, baseDirectory);
        if (script != null) {
            try {
                ScriptFileReader.read(script, s.protocolOptions);
            } catch (ScenarioFileException e) {
                // Named at this file's line, as a feeder's mistakes are: the script's own file and line follow.
                throw at[0].error(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw options[0].error(e.getMessage());
            }
            return;
        }
        try {
            ProtocolChoice.resolve(s.protocol, s.protocolOptions, baseDirectory);
        } catch (UsageException e) {
            throw at[0].error(e.getMessage().replaceFirst("^protocol \\(--protocol[^)]*\\): ", ""));
        }
    }

    /** {@code feeder: {file: users.csv, order: circular, secret: [token]}}. */
    private static void readFeeder(Section feeder, ScenarioSettings s, Path baseDirectory) {
        FieldValue[] file = {null};
        feeder.read(new Handlers()
                .on("file", v -> {
                    file[0] = v;
                    s.feeder = readableFile(v, baseDirectory);
                })
                .on("order", v -> s.feederOrder = v.choice(FEEDER_ORDERS))
                .on("secret", v -> s.feederSecrets = v.strings())
                .toMap());
        feeder.require("file", "file: users.csv");
        try {
            Feeder rows = FeederReader.read(s.feeder);
            s.feederSecrets.forEach(rows::secret);
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
            if (!ScenarioSettings.isHeaderName(key)) {
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
            ScenarioSettings.targetUrl(text);
        } catch (IllegalArgumentException e) {
            throw v.error(e.getMessage());
        }
        return text;
    }

    private static void readClients(Section clients, ScenarioSettings s) {
        clients.read(new Handlers()
                .on("subscribers", v -> s.subscribers = v.integer(0))
                .on("topics", v -> s.topics = v.integer(1))
                .on("topic_prefix", v -> s.topicPrefix = v.string())
                .on("connect_within", v -> s.connectWithin = v.duration())
                .on("arrival", v -> s.poisson = v.choice(ARRIVALS))
                .on("max_handshakes", v -> s.maxHandshakes = v.integer(0))
                .on("reconnect", v -> readReconnect(v.section(), s))
                .on("max_message_bytes", v -> s.maxMessageBytes = atLeastOneByte(v, v.bytes()))
                .on("receive_budget", v -> s.receiveBudgetBytes = v.bytes())
                .on("loops", v -> s.loops = v.integer(1))
                .on("seed", v -> s.seed = v.longValue())
                .on("source_addresses", v -> s.sourceAddresses = sourceAddresses(v))
                .toMap());
    }

    private static List<java.net.InetAddress> sourceAddresses(FieldValue v) {
        try {
            return dev.herd.cli.convert.SourceAddressesConverter.parse(String.join(",", v.strings()));
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw v.error(e.getMessage());
        }
    }

    private static void readReconnect(Section reconnect, ScenarioSettings s) {
        FieldValue[] base = {null};
        FieldValue[] cap = {null};
        reconnect.read(new Handlers()
                .on("policy", v -> s.reconnect = v.choice(POLICIES))
                .on("base", v -> {
                    base[0] = v;
                    s.reconnectBase = positive(v, v.duration());
                })
                .on("cap", v -> {
                    cap[0] = v;
                    s.reconnectCap = positive(v, v.duration());
                })
                .on("max_attempts", v -> s.reconnectMaxAttempts = v.integer(0))
                .toMap());
        if (s.reconnectCap.compareTo(s.reconnectBase) < 0) {
            throw cap[0] != null ? cap[0].error("'" + cap[0].string() + "' is shorter than the base ("
                    + (base[0] != null ? base[0].string() : s.reconnectBase.toMillis() + "ms") + ")")
                    : base[0].error("'" + base[0].string() + "' is longer than the cap (" + s.reconnectCap.toMillis()
                            + "ms)");
        }
    }

    private static void readReconnectStorm(Section storm, ScenarioSettings s) {
        ReconnectStormSettings r = s.reconnectStorm;
        FieldValue[] command = {null};
        storm.read(new Handlers()
                .on("disrupt", v -> r.disrupt = v.choice(ReconnectStormSettings.Disrupt.byKey()))
                .on("down", v -> r.down = v.duration())
                .on("command", v -> {
                    command[0] = v;
                    r.command = v.string();
                })
                .on("settle", v -> r.settle = v.duration())
                .on("observe", v -> r.observe = positive(v, v.duration()))
                .toMap());
        if (r.disrupt == ReconnectStormSettings.Disrupt.COMMAND) {
            storm.require("command", "command: \"docker restart chat\"");
        } else if (r.disrupt != null && command[0] != null) {
            throw command[0].error("a command and disrupt: " + r.disrupt.key() + " exclude each other; give one");
        }
    }

    private static void readPublish(Section publish, ScenarioSettings s) {
        publish.read(new Handlers()
                .on("rate", v -> s.rate = v.positiveNumber("500"))
                .on("size", v -> s.size = v.bytes())
                .on("template", v -> s.template = template(v))
                .on("binary", v -> s.binary = v.bool())
                .on("content_type", v -> s.contentType = v.string())
                .on("connections", v -> s.publishConnections = v.integer(1))
                .on("in_flight", v -> s.publishInFlight = v.integer(1))
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

    private static void readSlowSubscribers(Section slow, ScenarioSettings s) {
        SlowSubscriberSettings settings = s.slowSubscribers;
        slow.read(new Handlers()
                .on("fraction", v -> settings.fraction = onlyOne(v, settings.count, aboveZero(v, v.fraction())))
                .on("count", v -> settings.count = onlyOne(v, settings.fraction, v.integer(1)))
                .on("stall_after", v -> settings.stallAfter = v.duration())
                .on("stall_for", v -> settings.stallFor = positive(v, v.duration()))
                .on("read_rate", v -> settings.readBytesPerSecond = byteRate(v))
                .on("after", v -> settings.after = v.duration())
                .on("receive_buffer", v -> settings.receiveBufferBytes = receiveBuffer(v))
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

    private static List<Stage> readStages(List<FieldValue> items, ScenarioSettings s) {
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

    private static Stage readConnectStage(FieldValue v, ScenarioSettings s) {
        Duration[] within = {s.connectWithin};
        boolean[] poisson = {s.poisson};
        int[] max = {s.maxHandshakes};
        if (v.node() instanceof YamlNode.Mapping) {
            v.section().read(new Handlers()
                    .on("within", w -> within[0] = w.duration())
                    .on("arrival", w -> poisson[0] = w.choice(ARRIVALS))
                    .on("max_handshakes", w -> max[0] = w.integer(0))
                    .toMap());
        } else if (!(v.node() instanceof YamlNode.Scalar sc && sc.text() == null)) {
            within[0] = v.duration();
        }
        return new Stage.Connect(within[0], poisson[0], max[0]);
    }

    private static Stage readPublishStage(FieldValue v, ScenarioSettings s) {
        double[] rate = {s.rate == null ? 0 : s.rate};
        Duration[] duration = {s.duration};
        Duration[] drain = {s.drain};
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

    private static void readSteady(Section steady, ScenarioSettings s) {
        steady.read(new Handlers()
                .on("window", v -> s.window = positive(v, v.duration()))
                .toMap());
    }

    private static void readSweep(Section sweep, ScenarioSettings s) {
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
                    s.sweepSubscribers = counts;
                })
                .toMap());
    }

    private static final Map<String, CapacitySettings.Ramp> RAMPS = choices(
            "steps", CapacitySettings.Ramp.STEPS, "continuous", CapacitySettings.Ramp.CONTINUOUS);

    private static void readCapacity(Section capacity, ScenarioSettings s) {
        CapacitySettings c = s.capacity;
        capacity.read(new Handlers()
                .on("ramp", v -> c.ramp = v.choice(RAMPS))
                .on("step", v -> c.step = v.integer(1))
                .on("step_every", v -> c.stepEvery = positive(v, v.duration()))
                .on("rate", v -> c.ratePerSecond = v.integer(1))
                .on("settle", v -> c.settle = v.duration())
                .on("max_handshake_p99", v -> c.maxHandshakeP99 = positive(v, v.duration()))
                .on("max_error_rate", v -> c.maxErrorRate = v.fraction())
                .on("limit", v -> c.limit = v.integer(1))
                .toMap());
    }

    private static void readOutput(Section output, ScenarioSettings s) {
        output.read(new Handlers()
                .on("dir", v -> s.out = path(v))
                .on("quiet", v -> s.quiet = v.bool())
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
