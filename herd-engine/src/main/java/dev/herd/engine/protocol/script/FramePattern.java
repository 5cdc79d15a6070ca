package dev.herd.engine.protocol.script;

import io.netty.buffer.ByteBuf;

/**
 * What a script looks for in a received frame: a text it contains ({@link LiteralPattern}, a byte search) or, written
 * {@code re:…}, a regular expression found anywhere in it ({@link RegexPattern}). Frames are matched as bytes, text or
 * binary alike, and nothing is allocated per frame.
 *
 * <pre>{@code
 * FramePattern ping = FramePattern.parse("\"type\":\"ping\"");
 * FramePattern reply = FramePattern.parse("re:\"status\":\"(ok|error)\"");
 * if (ping.matches(frame, frame.readerIndex(), frame.readableBytes())) { ... }
 * }</pre>
 */
public sealed interface FramePattern permits LiteralPattern, RegexPattern {

    /** The prefix of a pattern written as a regular expression. */
    String REGEX_PREFIX = "re:";

    /** True when the bytes at {@code [index, index + length)} of {@code buf} contain this pattern. */
    boolean matches(ByteBuf buf, int index, int length);

    /** The pattern as written, {@code re:} included. */
    String source();

    /**
     * A literal text, or a regular expression when it starts with {@code re:}; an empty pattern or a regular expression
     * that does not compile is an {@link IllegalArgumentException} of one line.
     */
    static FramePattern parse(String source) {
        if (source == null || source.isEmpty()) {
            throw new IllegalArgumentException("is empty (expected a text a frame contains, or re:REGEX)");
        }
        if (source.startsWith(REGEX_PREFIX)) {
            return RegexPattern.compile(source);
        }
        return new LiteralPattern(source);
    }
}
