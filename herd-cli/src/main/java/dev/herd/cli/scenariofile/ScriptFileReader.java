package dev.herd.cli.scenariofile;

import dev.herd.engine.protocol.FrameTemplate;
import dev.herd.engine.protocol.Placeholders;
import dev.herd.engine.protocol.script.EveryRule;
import dev.herd.engine.protocol.script.FramePattern;
import dev.herd.engine.protocol.script.OnRule;
import dev.herd.engine.protocol.script.Script;
import dev.herd.engine.protocol.script.ScriptException;
import dev.herd.engine.protocol.script.ScriptFrame;
import dev.herd.engine.protocol.script.ScriptProtocol;
import dev.herd.engine.protocol.script.ScriptStep;
import dev.herd.engine.secret.SecretNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a script protocol (docs/protocols.md, "Script protocols") from its YAML file, or from a scenario file's {@code
 * target.protocol} mapping, into the engine's {@link ScriptProtocol}. Every key is known; a mistake is a {@link
 * ScenarioFileException} naming the file, the line and the field ({@code chat.yaml:7: subscribe[1].timeout: ...}).
 *
 * <p>A script's {@code options: {room: lobby}} are its own placeholders, the same for every connection: {@code
 * {{room}}} is replaced by the value in every frame and pattern before anything else is read, and {@code
 * --protocol-option room=hall} overrides the default. Values of options whose names look like credentials ({@code
 * token}, {@code password}, …) are secrets.
 *
 * <pre>{@code
 * ScriptProtocol chat = ScriptFileReader.read(Path.of("chat.yaml"), Map.of("room", "hall"));
 * }</pre>
 */
public final class ScriptFileReader {

    /** The keys a script has, in the order errors list them. */
    static final List<String> KEYS = List.of("name", "subprotocols", "options", "connect", "subscribe", "publish", "on",
            "every");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_]+)}}");

    private final String defaultName;
    /** The file, for an option's error that has no line of it. */
    private final String source;
    private final FieldValue root;
    /** The value of each field the engine may name in a {@link ScriptException}, by the engine's path. */
    private final Map<String, FieldValue> fields = new HashMap<>();
    private final Map<String, String> options = new LinkedHashMap<>();

    private ScriptFileReader(FieldValue root, String defaultName, String source) {
        this.root = root;
        this.defaultName = defaultName;
        this.source = source;
    }

    /**
     * The script in {@code file}, its options set from {@code given} ({@code --protocol-option}); an option the script
     * does not declare is an {@link IllegalArgumentException} of one line.
     */
    public static ScriptProtocol read(Path file, Map<String, String> given) {
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
        return parse(name, text, given);
    }

    /** The script in {@code text}, read as file {@code name} says (its name without extension is the default name). */
    public static ScriptProtocol parse(String name, String text, Map<String, String> given) {
        YamlNode node = new YamlTreeParser(name).parse(text);
        String stem = Path.of(name).getFileName() == null ? "script" : Path.of(name).getFileName().toString();
        stem = stem.replaceFirst("\\.(ya?ml)$", "");
        return new ScriptFileReader(new FieldValue(name, "", node), stem, name).protocol(given);
    }

    /** A script written in a scenario file at {@code v} ({@code target.protocol}); its lines are the scenario's. */
    static ScriptProtocol inline(FieldValue v) {
        return new ScriptFileReader(v, "script", v.path()).protocol(Map.of());
    }

    /** True when a {@code target.protocol} mapping is a script rather than {@code {name, options}}. */
    static boolean isInline(YamlNode node) {
        return node instanceof YamlNode.Mapping m
                && m.entries().keySet().stream().anyMatch(k -> !k.equals("name") && !k.equals("options"));
    }

    private ScriptProtocol protocol(Map<String, String> given) {
        Section top = root.section();
        FieldValue declared = root.mapping().get("options");
        if (declared != null) {
            readOptions(declared);
        }
        applyGiven(given);
        String[] name = {defaultName};
        List<String> subprotocols = new ArrayList<>();
        List<ScriptStep> connect = new ArrayList<>();
        List<ScriptStep> subscribe = new ArrayList<>();
        ScriptFrame[] publish = {null};
        List<ScriptStep> publishSteps = new ArrayList<>();
        List<OnRule> on = new ArrayList<>();
        List<EveryRule> every = new ArrayList<>();
        top.read(new Handlers()
                .on("name", v -> name[0] = nonBlank(v))
                .on("subprotocols", v -> v.strings().forEach(p -> subprotocols.add(p.strip())))
                .on("options", v -> { })
                .on("connect", v -> connect.addAll(steps("connect", v)))
                .on("subscribe", v -> subscribe.addAll(steps("subscribe", v)))
                .on("publish", v -> publish[0] = publish(v, publishSteps))
                .on("on", v -> on.addAll(onRules(v)))
                .on("every", v -> every.addAll(everyRules(v)))
                .toMap());
        top.require("subscribe", "subscribe: [{send: 'SUB {{topic}}'}, {expect: 'OK'}], or subscribe: [] for none");
        fields.put("name", root.mapping().getOrDefault("name", root));
        try {
            Script script = new Script(name[0], subprotocols, connect, subscribe, publishSteps, publish[0], on,
                    every);
            return ScriptProtocol.of(script, secretValues());
        } catch (ScriptException e) {
            FieldValue where = fields.get(e.field());
            throw where != null ? where.error(e.problem()) : root.error(e.getMessage());
        }
    }

    private void readOptions(FieldValue declared) {
        declared.mapping().forEach((key, value) -> {
            if (!FrameTemplate.isName(key)) {
                throw value.error("an option's name is letters, digits and _ (it is used as {{" + key + "}})");
            }
            if (Placeholders.CONNECTION.contains(key) || Placeholders.PUBLISH.contains(key)) {
                throw value.error("{{" + key + "}} is herd's own placeholder: name the option otherwise");
            }
            options.put(key, value.string());
        });
    }

    private void applyGiven(Map<String, String> given) {
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!options.containsKey(e.getKey())) {
                throw new IllegalArgumentException("protocol option '" + e.getKey() + "' is not an option of script "
                        + source + (options.isEmpty() ? " (it declares none: add options: {" + e.getKey()
                        + ": DEFAULT} to it)" : " (its options: " + String.join(", ", options.keySet()) + ")"));
            }
            options.put(e.getKey(), e.getValue());
        }
    }

    private Set<String> secretValues() {
        Set<String> secrets = new HashSet<>();
        options.forEach((key, value) -> {
            if (SecretNames.looksSecret(key, Set.of()) && !value.isEmpty()) {
                secrets.add(value);
            }
        });
        return secrets;
    }

    private List<ScriptStep> steps(String list, FieldValue v) {
        List<ScriptStep> steps = new ArrayList<>();
        List<FieldValue> items = v.list();
        for (int i = 0; i < items.size(); i++) {
            steps.add(step(list + "[" + i + "]", items.get(i)));
        }
        return steps;
    }

    private ScriptStep step(String key, FieldValue item) {
        Map<String, FieldValue> given = new LinkedHashMap<>();
        Handlers handlers = new Handlers();
        for (String k : List.of("send", "binary", "expect", "timeout", "reject", "capture")) {
            handlers.on(k, v -> given.put(k, v));
        }
        item.section().read(handlers.toMap());
        FieldValue send = given.get("send");
        FieldValue expect = given.get("expect");
        if (send != null && expect != null) {
            throw item.error("has both send and expect: a step does one (split it in two steps)");
        }
        if (send == null && expect == null) {
            throw item.error("needs send: (a frame to write) or expect: (a frame to wait for)");
        }
        if (send != null) {
            for (String k : List.of("timeout", "reject", "capture")) {
                if (given.containsKey(k)) {
                    throw given.get(k).error("belongs to an expect step, not a send");
                }
            }
            fields.put(key + ".send", send);
            return new ScriptStep.Send(frame(send, given.get("binary")));
        }
        if (given.containsKey("binary")) {
            throw given.get("binary").error("belongs to a send step: a received frame is matched text or binary alike");
        }
        fields.put(key + ".expect", expect);
        Duration timeout = ScriptStep.DEFAULT_TIMEOUT;
        FieldValue t = given.get("timeout");
        if (t != null) {
            fields.put(key + ".timeout", t);
            timeout = t.duration();
            if (timeout.isZero()) {
                throw t.error("must be longer than 0");
            }
        }
        FieldValue reject = given.get("reject");
        ScriptStep.Expect step = new ScriptStep.Expect(pattern(expect), timeout, reject == null ? null
                : pattern(reject), List.of());
        FieldValue capture = given.get("capture");
        if (capture != null) {
            for (Map.Entry<String, FieldValue> c : capture.mapping().entrySet()) {
                FieldValue value = c.getValue();
                fields.put(key + ".capture." + c.getKey(), value);
                if (!FrameTemplate.isName(c.getKey())) {
                    throw value.error("a capture's name is letters, digits and _ (it is used as {{" + c.getKey()
                            + "}})");
                }
                try {
                    step = step.withCapture(c.getKey(), withOptions(value, false));
                } catch (IllegalArgumentException e) {
                    throw value.error(e.getMessage());
                }
            }
        }
        return step;
    }

    /** {@code publish: FRAME}, or {@code publish: {steps: [...], send: FRAME, binary: true}}. */
    private ScriptFrame publish(FieldValue v, List<ScriptStep> steps) {
        if (v.node() instanceof YamlNode.Mapping) {
            Map<String, FieldValue> given = new LinkedHashMap<>();
            Section publish = v.section();
            publish.read(new Handlers().on("steps", s -> given.put("steps", s)).on("send", s -> given.put("send", s))
                    .on("binary", b -> given.put("binary", b)).toMap());
            publish.require("send", "send: '{\"data\":\"{{payload}}\"}'");
            if (given.containsKey("steps")) {
                steps.addAll(steps("publish.steps", given.get("steps")));
            }
            fields.put("publish", given.get("send"));
            return frame(given.get("send"), given.get("binary"));
        }
        fields.put("publish", v);
        return frame(v, null);
    }

    private List<OnRule> onRules(FieldValue v) {
        List<OnRule> rules = new ArrayList<>();
        List<FieldValue> items = v.list();
        for (int i = 0; i < items.size(); i++) {
            FieldValue item = items.get(i);
            Map<String, FieldValue> given = new LinkedHashMap<>();
            Section rule = item.section();
            rule.read(new Handlers().on("match", m -> given.put("match", m)).on("send", s -> given.put("send", s))
                    .on("binary", b -> given.put("binary", b)).toMap());
            rule.require("match", "match: '\"type\":\"ping\"'");
            if (given.containsKey("binary") && !given.containsKey("send")) {
                throw given.get("binary").error("belongs to a rule that sends");
            }
            FieldValue send = given.get("send");
            if (send != null) {
                fields.put("on[" + i + "].send", send);
            }
            rules.add(new OnRule(pattern(given.get("match")), send == null ? null : frame(send, given.get("binary"))));
        }
        return rules;
    }

    private List<EveryRule> everyRules(FieldValue v) {
        List<EveryRule> rules = new ArrayList<>();
        List<FieldValue> items = v.list();
        for (int i = 0; i < items.size(); i++) {
            Map<String, FieldValue> given = new LinkedHashMap<>();
            Section rule = items.get(i).section();
            rule.read(new Handlers().on("interval", n -> given.put("interval", n))
                    .on("send", s -> given.put("send", s)).on("binary", b -> given.put("binary", b)).toMap());
            rule.require("interval", "interval: 25s");
            rule.require("send", "send: '{\"type\":\"heartbeat\"}'");
            fields.put("every[" + i + "].interval", given.get("interval"));
            fields.put("every[" + i + "].send", given.get("send"));
            rules.add(new EveryRule(given.get("interval").duration(), frame(given.get("send"), given.get("binary"))));
        }
        return rules;
    }

    private ScriptFrame frame(FieldValue v, FieldValue binary) {
        return new ScriptFrame(FrameTemplate.parse(withOptions(v, true)), binary != null && binary.bool());
    }

    private FramePattern pattern(FieldValue v) {
        try {
            return FramePattern.parse(withOptions(v, false));
        } catch (IllegalArgumentException e) {
            throw v.error(e.getMessage());
        }
    }

    /**
     * The text of {@code v} with each option's placeholder replaced by its value. In a pattern, any other placeholder
     * is an error: a pattern is the same for every connection.
     */
    private String withOptions(FieldValue v, boolean frame) {
        if (!(v.node() instanceof YamlNode.Scalar)) {
            throw v.error("is " + v.node().kind() + " (expected a text: quote a JSON frame in single quotes, "
                    + "'{\"type\":\"ping\"}')");
        }
        String text = v.string();
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = options.get(m.group(1));
            if (value == null && !frame) {
                throw v.error("uses {{" + m.group(1) + "}}, but a pattern is the same for every connection: only "
                        + "the script's options can be used in it" + (options.isEmpty() ? ""
                        + " (it declares none)" : " (" + String.join(", ", options.keySet()) + ")"));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String nonBlank(FieldValue v) {
        String text = v.string().strip();
        if (text.isEmpty()) {
            throw v.error("is empty");
        }
        return text;
    }
}
