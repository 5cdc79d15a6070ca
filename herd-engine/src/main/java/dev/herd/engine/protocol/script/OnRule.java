package dev.herd.engine.protocol.script;

import java.util.Objects;

/**
 * What a script does with a received frame that matches {@code match}: reply with {@code reply}, or (null) nothing; in
 * both cases the frame is the protocol's own (a ping, an ack), never handed to the stamp scan.
 *
 * <pre>{@code
 * OnRule.reply("\"type\":\"ping\"", "{\"type\":\"pong\"}");
 * OnRule.ignore("\"type\":\"ack\"");
 * }</pre>
 */
public record OnRule(FramePattern match, ScriptFrame reply) {

    public OnRule {
        Objects.requireNonNull(match, "match");
    }

    public static OnRule reply(String match, String reply) {
        return new OnRule(FramePattern.parse(match), ScriptFrame.text(reply));
    }

    public static OnRule ignore(String match) {
        return new OnRule(FramePattern.parse(match), null);
    }
}
