package dev.herd.engine.protocol.script;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression found anywhere in a frame ({@code re:…} in a script), or a capture's expression whose group 1
 * is taken from the frame. It runs over the frame's bytes through a {@link Latin1View}, with one {@link Matcher} per
 * event loop reset for each frame: nothing is allocated per frame but what a capture keeps.
 *
 * <p>The expression is compiled over the UTF-8 bytes of what it was written as, so a literal character beyond ASCII
 * in it ({@code é}) matches the bytes a UTF-8 frame holds for it. The catch: {@code .} and a character class match one
 * byte, so {@code [éè]} or {@code \u00e9} do not mean what they say; write such characters outside classes.
 *
 * <pre>{@code
 * RegexPattern sid = RegexPattern.capture("\"sid\":\"([^\"]+)\"");
 * byte[] value = sid.group1(frame, frame.readerIndex(), frame.readableBytes());   // null when absent
 * }</pre>
 */
final class RegexPattern implements FramePattern {

    /** One view per event loop: a loop matches one frame at a time. */
    private static final FastThreadLocal<Latin1View> VIEWS = new FastThreadLocal<>() {
        @Override
        protected Latin1View initialValue() {
            return new Latin1View();
        }
    };

    private final String source;
    private final Pattern pattern;
    private final FastThreadLocal<Matcher> matchers;

    private RegexPattern(String source, String expression) {
        this.source = source;
        try {
            this.pattern = Pattern.compile(new String(expression.getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a valid regex: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
        this.matchers = new FastThreadLocal<>() {
            @Override
            protected Matcher initialValue() {
                return pattern.matcher("");
            }
        };
    }

    /** {@code re:EXPRESSION}, as a script writes a pattern that is a regular expression. */
    static RegexPattern compile(String source) {
        String expression = source.substring(REGEX_PREFIX.length());
        if (expression.isEmpty()) {
            throw new IllegalArgumentException("is empty after re: (expected a regular expression)");
        }
        return new RegexPattern(source, expression);
    }

    /** A capture's expression ({@code re:} optional): it must have a group, whose first is the value taken. */
    public static RegexPattern capture(String expression) {
        String bare = expression.startsWith(REGEX_PREFIX) ? expression.substring(REGEX_PREFIX.length()) : expression;
        if (bare.isEmpty()) {
            throw new IllegalArgumentException("is empty (expected a regex with a group, e.g. \"id\":\"([^\"]+)\")");
        }
        RegexPattern p = new RegexPattern(expression, bare);
        if (p.pattern.matcher("").groupCount() < 1) {
            throw new IllegalArgumentException("'" + bare + "' has no group ( ) to capture (e.g. \"id\":\"([^\"]+)\")");
        }
        return p;
    }

    @Override
    public boolean matches(ByteBuf buf, int index, int length) {
        Latin1View view = VIEWS.get().over(buf, index, length);
        try {
            return matchers.get().reset(view).find();
        } finally {
            view.clear();
        }
    }

    /** The bytes of group 1 where the expression is first found, copied; null when it is not found. */
    public byte[] group1(ByteBuf buf, int index, int length) {
        Latin1View view = VIEWS.get().over(buf, index, length);
        try {
            Matcher m = matchers.get().reset(view);
            if (!m.find() || m.start(1) < 0) {
                return null;
            }
            byte[] value = new byte[m.end(1) - m.start(1)];
            buf.getBytes(index + m.start(1), value);
            return value;
        } finally {
            view.clear();
        }
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
