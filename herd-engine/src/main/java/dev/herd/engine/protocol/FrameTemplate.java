package dev.herd.engine.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A frame to send, with {@code {{name}}} placeholders: parsed once, then written straight into a buffer for each
 * connection or message, with no text built on the way. The values come from a {@link FrameValues}; literal text is
 * written as UTF-8.
 *
 * <pre>{@code
 * FrameTemplate t = FrameTemplate.parse("{\"type\":\"subscribe\",\"channel\":\"{{topic}}\",\"ref\":\"{{ref}}\"}");
 * t.write(buf, values);
 * }</pre>
 *
 * <p>Names are letters, digits and {@code _}; {@code {{ } } } with anything else in it stays literal text, so JSON
 * and other braces pass through.
 */
public final class FrameTemplate {

    private final String text;
    private final Object[] parts;
    private final Set<String> names;

    private FrameTemplate(String text, Object[] parts, Set<String> names) {
        this.text = text;
        this.parts = parts;
        this.names = names;
    }

    /** Parses {@code text}; its placeholders are resolved when the frame is written. */
    public static FrameTemplate parse(String text) {
        List<Object> parts = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                literal.append(text, i, text.length());
                break;
            }
            int close = text.indexOf("}}", open + 2);
            String name = close < 0 ? null : text.substring(open + 2, close);
            if (name == null || !isName(name)) {
                literal.append(text, i, open + 2);
                i = open + 2;
                continue;
            }
            literal.append(text, i, open);
            if (literal.length() > 0) {
                parts.add(literal.toString().getBytes(StandardCharsets.UTF_8));
                literal.setLength(0);
            }
            parts.add(new Placeholder(name));
            names.add(name);
            i = close + 2;
        }
        if (literal.length() > 0) {
            parts.add(literal.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new FrameTemplate(text, parts.toArray(), Collections.unmodifiableSet(names));
    }

    /** True when {@code name} can be a placeholder's name: letters, digits and {@code _}. */
    public static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** Writes the frame at {@code out}'s writer index, each placeholder's value from {@code values}. */
    public void write(ByteBuf out, FrameValues values) {
        for (Object part : parts) {
            if (part instanceof byte[] bytes) {
                out.writeBytes(bytes);
            } else {
                values.write(((Placeholder) part).name(), out);
            }
        }
    }

    /** The bytes of its literal text plus {@code perPlaceholder} for each placeholder: a size to allocate. */
    public int maxBytes(int perPlaceholder) {
        int n = 0;
        for (Object part : parts) {
            n += part instanceof byte[] bytes ? bytes.length : perPlaceholder;
        }
        return n;
    }

    /** The placeholders' names, in the order they first appear. */
    public Set<String> names() {
        return names;
    }

    /**
     * The literal text between its placeholders, in order, empty parts left out: what {@link #write} writes the same
     * for every connection (the literal part of a password template is a secret of its own).
     */
    public List<String> literals() {
        List<String> literals = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof byte[] bytes) {
                literals.add(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return literals;
    }

    /** True when {@code name} appears as a placeholder. */
    public boolean uses(String name) {
        return names.contains(name);
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private record Placeholder(String name) {
    }
}
