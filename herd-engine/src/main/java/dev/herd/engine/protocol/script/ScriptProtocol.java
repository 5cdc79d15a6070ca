package dev.herd.engine.protocol.script;

import dev.herd.engine.protocol.FrameTemplate;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.protocol.ProtocolStage;
import dev.herd.engine.protocol.WireProtocol;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Script} as the protocol of a run: shared by every connection, it holds the script in the arrays its stages
 * walk, and gives each captured name a slot of the per-connection values. See docs/protocols.md, "Script protocols".
 *
 * <pre>{@code
 * WireProtocol p = ScriptProtocol.of(script);
 * pipeline.addLast("protocol", p.newStage(session));
 * }</pre>
 */
public final class ScriptProtocol implements WireProtocol {

    private final Script script;
    private final Set<String> secretValues;
    private final ScriptStep[] subscriberSteps;
    private final ScriptStep[] publisherSteps;
    /** {@code connect[0]}, …, {@code subscribe[0]}, …: where each of {@link #subscriberSteps} is, for messages. */
    private final String[] subscriberStepNames;
    private final String[] publisherStepNames;
    private final OnRule[] on;
    private final EveryRule[] every;
    private final Map<String, Integer> captureSlots;
    private final Set<String> placeholders;

    private ScriptProtocol(Script script, Set<String> secretValues) {
        this.script = script;
        this.secretValues = Set.copyOf(secretValues);
        this.subscriberSteps = concat(script.connect(), script.subscribe());
        this.publisherSteps = concat(script.connect(), script.publishSteps());
        this.subscriberStepNames = names(script.connect().size(), "subscribe", script.subscribe().size());
        this.publisherStepNames = names(script.connect().size(), "publish.steps", script.publishSteps().size());
        this.on = script.on().toArray(OnRule[]::new);
        this.every = script.every().toArray(EveryRule[]::new);
        Map<String, Integer> slots = new HashMap<>();
        for (ScriptStep step : concat(List.of(subscriberSteps), script.publishSteps())) {
            if (step instanceof ScriptStep.Expect expect) {
                expect.captures().forEach(c -> slots.putIfAbsent(c.name(), slots.size()));
            }
        }
        this.captureSlots = Map.copyOf(slots);
        this.placeholders = usedPlaceholders(script, slots.keySet());
    }

    public static ScriptProtocol of(Script script) {
        return new ScriptProtocol(script, Set.of());
    }

    /** With values that are secrets (a token in a frame): masked wherever herd writes. */
    public static ScriptProtocol of(Script script, Set<String> secretValues) {
        return new ScriptProtocol(script, secretValues);
    }

    public Script script() {
        return script;
    }

    @Override
    public String name() {
        return script.name();
    }

    @Override
    public List<String> subprotocols() {
        return script.subprotocols();
    }

    @Override
    public boolean subscribes() {
        return true;
    }

    /** True when the script has a {@code publish} frame; otherwise a run publishes through an HTTP publish URL. */
    @Override
    public boolean publishes() {
        return script.publish() != null;
    }

    @Override
    public Set<String> placeholders() {
        return placeholders;
    }

    @Override
    public Set<String> secretValues() {
        return secretValues;
    }

    @Override
    public ProtocolStage newStage(ProtocolSession session) {
        return new ScriptStage(this, session);
    }

    ScriptStep[] steps(boolean subscriber) {
        return subscriber ? subscriberSteps : publisherSteps;
    }

    /** Where step {@code index} of a connection's steps is in the script ({@code subscribe[1]}), for messages. */
    String stepName(boolean subscriber, int index) {
        return (subscriber ? subscriberStepNames : publisherStepNames)[index];
    }

    EveryRule[] every() {
        return every;
    }

    /** The first {@code on} rule the frame matches, or null: a loop over an array, nothing allocated. */
    OnRule ruleFor(ByteBuf buf, int index, int length) {
        for (OnRule rule : on) {
            if (rule.match().matches(buf, index, length)) {
                return rule;
            }
        }
        return null;
    }

    int captureCount() {
        return captureSlots.size();
    }

    /** The slot of a captured value, or -1 when {@code name} is not a capture. */
    int captureSlot(String name) {
        Integer slot = captureSlots.get(name);
        return slot == null ? -1 : slot;
    }

    private static ScriptStep[] concat(List<ScriptStep> first, List<ScriptStep> then) {
        List<ScriptStep> all = new ArrayList<>(first);
        all.addAll(then);
        return all.toArray(ScriptStep[]::new);
    }

    private static String[] names(int connect, String then, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < connect; i++) {
            names.add("connect[" + i + "]");
        }
        for (int i = 0; i < count; i++) {
            names.add(then + "[" + i + "]");
        }
        return names.toArray(String[]::new);
    }

    private static Set<String> usedPlaceholders(Script script, Set<String> captures) {
        Set<String> used = new LinkedHashSet<>();
        List<FrameTemplate> templates = new ArrayList<>();
        for (ScriptStep step : concat(List.of(concat(script.connect(), script.subscribe())), script.publishSteps())) {
            if (step instanceof ScriptStep.Send send) {
                templates.add(send.frame().template());
            }
        }
        if (script.publish() != null) {
            templates.add(script.publish().template());
        }
        script.on().stream().filter(r -> r.reply() != null).forEach(r -> templates.add(r.reply().template()));
        script.every().forEach(r -> templates.add(r.frame().template()));
        templates.forEach(t -> used.addAll(t.names()));
        used.removeAll(captures);
        return Set.copyOf(used);
    }

    @Override
    public String toString() {
        return "script " + script.name();
    }
}
