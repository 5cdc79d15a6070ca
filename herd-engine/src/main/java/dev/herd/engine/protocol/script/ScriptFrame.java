package dev.herd.engine.protocol.script;

import dev.herd.engine.protocol.FrameTemplate;
import java.util.Objects;

/**
 * A frame a script sends: a {@link FrameTemplate} written per connection, as one text message, or a binary one.
 *
 * <pre>{@code
 * ScriptFrame pong = ScriptFrame.text("{\"type\":\"pong\"}");
 * }</pre>
 */
public record ScriptFrame(FrameTemplate template, boolean binary) {

    public ScriptFrame {
        Objects.requireNonNull(template, "template");
    }

    /** A text message with {@code {{name}}} placeholders. */
    public static ScriptFrame text(String template) {
        return new ScriptFrame(FrameTemplate.parse(template), false);
    }

    /** A binary message, its bytes the template's UTF-8. */
    public static ScriptFrame binary(String template) {
        return new ScriptFrame(FrameTemplate.parse(template), true);
    }

    @Override
    public String toString() {
        return template.text();
    }
}
