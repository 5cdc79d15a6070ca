package dev.herd.engine.protocol.script;

import java.time.Duration;
import java.util.Objects;

/**
 * A frame a script sends periodically on every connection (a heartbeat), first one {@code interval} after the upgrade.
 *
 * <pre>{@code
 * new EveryRule(Duration.ofSeconds(30), ScriptFrame.text("[null,\"{{ref}}\",\"phoenix\",\"heartbeat\",{}]"));
 * }</pre>
 */
public record EveryRule(Duration interval, ScriptFrame frame) {

    public EveryRule {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(frame, "frame");
    }
}
