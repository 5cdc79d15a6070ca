package dev.herd.engine.protocol.script;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One step of a script's handshake ({@code connect:} and {@code subscribe:}), run in order once the WebSocket is
 * upgraded: send a frame, or wait for a frame that contains a pattern.
 *
 * <pre>{@code
 * ScriptStep.send("{\"type\":\"subscribe\",\"channel\":\"{{topic}}\"}");
 * ScriptStep.expect("\"type\":\"subscribed\"").withTimeout(Duration.ofSeconds(5))
 *         .withReject("\"type\":\"error\"").withCapture("sid", "\"sid\":\"([^\"]+)\"");
 * }</pre>
 */
public sealed interface ScriptStep {

    /** How long an {@code expect} waits unless it says otherwise. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** A text frame to send. */
    static Send send(String template) {
        return new Send(ScriptFrame.text(template));
    }

    /** A frame containing {@code pattern} (a text, or {@code re:REGEX}) to wait for, {@link #DEFAULT_TIMEOUT} at most. */
    static Expect expect(String pattern) {
        return new Expect(FramePattern.parse(pattern), DEFAULT_TIMEOUT, null, List.of());
    }

    /** Writes {@code frame}; the next step follows at once. */
    record Send(ScriptFrame frame) implements ScriptStep {
        public Send {
            Objects.requireNonNull(frame, "frame");
        }
    }

    /**
     * Waits for a frame that {@code match}es, for {@code timeout} at most ({@code subscribe_timeout}); a frame that
     * matches {@code reject} (null: none) first refuses the subscription ({@code subscribe_rejected}). The frame that
     * matches gives each capture its value: group 1 of the capture's expression.
     */
    record Expect(FramePattern match, Duration timeout, FramePattern reject, List<Capture> captures)
            implements ScriptStep {
        public Expect {
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(timeout, "timeout");
            captures = List.copyOf(captures);
        }

        public Expect withTimeout(Duration timeout) {
            return new Expect(match, timeout, reject, captures);
        }

        /** A pattern (a text, or {@code re:REGEX}) that refuses the subscription when a frame matches it first. */
        public Expect withReject(String pattern) {
            return new Expect(match, timeout, FramePattern.parse(pattern), captures);
        }

        /** Takes group 1 of {@code expression} in the matching frame as {@code {{name}}} for later frames. */
        public Expect withCapture(String name, String expression) {
            List<Capture> more = new ArrayList<>(captures);
            more.add(new Capture(name, RegexPattern.capture(expression)));
            return new Expect(match, timeout, reject, more);
        }
    }

    /** A value taken from the frame an {@link Expect} matched: group 1 of {@code pattern}, as {@code {{name}}}. */
    record Capture(String name, RegexPattern pattern) {
        public Capture {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pattern, "pattern");
        }
    }
}
