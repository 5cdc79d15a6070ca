package dev.herd.engine.protocol.script;

import java.util.List;
import java.util.Objects;

/**
 * A protocol described as data (docs/protocols.md, "Script protocols"): the handshake every connection runs ({@code
 * connect}), the one subscribers run after it ({@code subscribe}), the one publisher connections run after it instead
 * ({@code publish.steps}), the frame a publish is wrapped in, replies to received frames ({@code on}) and periodic
 * frames ({@code every}). Immutable; checked when built, so a script that
 * cannot run is a {@link ScriptException} naming its field. Read from YAML by herd's CLI, or built in Java:
 *
 * <pre>{@code
 * Script chat = Script.builder("chat")
 *         .subscribe(ScriptStep.send("{\"type\":\"subscribe\",\"channel\":\"{{topic}}\"}"),
 *                 ScriptStep.expect("\"type\":\"subscribed\"").withCapture("sid", "\"sid\":\"([^\"]+)\""))
 *         .publish("{\"type\":\"publish\",\"channel\":\"{{topic}}\",\"data\":\"{{payload}}\"}")
 *         .on("\"type\":\"ping\"", "{\"type\":\"pong\"}")
 *         .every(Duration.ofSeconds(25), "{\"type\":\"heartbeat\"}")
 *         .build();
 * WireProtocol protocol = ScriptProtocol.of(chat);
 * }</pre>
 *
 * @param name         the protocol's name in results ({@code target.wire_protocol})
 * @param subprotocols offered in the upgrade
 * @param connect      steps every connection runs, publishers included
 * @param subscribe    steps a subscriber runs after {@code connect}
 * @param publishSteps steps a publisher connection runs after {@code connect}, before it publishes
 * @param publish      the frame of a publish, or null: publishes go elsewhere (an HTTP publish URL)
 * @param on           rules for received frames, first match wins
 * @param every        periodic frames
 */
public record Script(String name, List<String> subprotocols, List<ScriptStep> connect, List<ScriptStep> subscribe,
                     List<ScriptStep> publishSteps, ScriptFrame publish, List<OnRule> on, List<EveryRule> every) {

    public Script {
        Objects.requireNonNull(name, "name");
        subprotocols = List.copyOf(subprotocols);
        connect = List.copyOf(connect);
        subscribe = List.copyOf(subscribe);
        publishSteps = List.copyOf(publishSteps);
        on = List.copyOf(on);
        every = List.copyOf(every);
        ScriptChecks.check(name, connect, subscribe, publishSteps, publish, on, every);
    }

    public static ScriptBuilder builder(String name) {
        return new ScriptBuilder(name);
    }
}
