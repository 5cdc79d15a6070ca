package dev.herd.engine.protocol.script;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@link Script} in Java: each call adds to what the script has; {@link #build} checks it.
 *
 * <pre>{@code
 * Script s = Script.builder("lines").subscribe(ScriptStep.send("SUB {{topic}}"), ScriptStep.expect("OK"))
 *         .publish("{{payload}}").on("PING", "PONG").build();
 * }</pre>
 */
public final class ScriptBuilder {

    private final String name;
    private final List<String> subprotocols = new ArrayList<>();
    private final List<ScriptStep> connect = new ArrayList<>();
    private final List<ScriptStep> subscribe = new ArrayList<>();
    private final List<ScriptStep> publishSteps = new ArrayList<>();
    private ScriptFrame publish;
    private final List<OnRule> on = new ArrayList<>();
    private final List<EveryRule> every = new ArrayList<>();

    ScriptBuilder(String name) {
        this.name = name;
    }

    public ScriptBuilder subprotocols(String... names) {
        subprotocols.addAll(Arrays.asList(names));
        return this;
    }

    /** Steps every connection runs once upgraded, publishers included. */
    public ScriptBuilder connect(ScriptStep... steps) {
        connect.addAll(Arrays.asList(steps));
        return this;
    }

    /** Steps a subscriber runs after {@link #connect}'s. */
    public ScriptBuilder subscribe(ScriptStep... steps) {
        subscribe.addAll(Arrays.asList(steps));
        return this;
    }

    /** Steps a publisher connection runs after {@link #connect}'s, before its first publish. */
    public ScriptBuilder publishSteps(ScriptStep... steps) {
        publishSteps.addAll(Arrays.asList(steps));
        return this;
    }

    /** The text frame of a publish, with {@code {{payload}}} or {@code {{stamp}}}. */
    public ScriptBuilder publish(String template) {
        return publish(ScriptFrame.text(template));
    }

    public ScriptBuilder publish(ScriptFrame frame) {
        publish = frame;
        return this;
    }

    /** Replies {@code reply} (a text frame) to each received frame that contains {@code match}. */
    public ScriptBuilder on(String match, String reply) {
        return on(OnRule.reply(match, reply));
    }

    /** Received frames that contain {@code match} are the protocol's own: not replied to, not measured. */
    public ScriptBuilder ignore(String match) {
        return on(OnRule.ignore(match));
    }

    public ScriptBuilder on(OnRule rule) {
        on.add(rule);
        return this;
    }

    /** Sends {@code frame} (a text frame) every {@code interval} on every connection. */
    public ScriptBuilder every(Duration interval, String frame) {
        every.add(new EveryRule(interval, ScriptFrame.text(frame)));
        return this;
    }

    public ScriptBuilder every(EveryRule rule) {
        every.add(rule);
        return this;
    }

    /** The script; a {@link ScriptException} naming the field when it cannot run. */
    public Script build() {
        return new Script(name, subprotocols, connect, subscribe, publishSteps, publish, on, every);
    }
}
