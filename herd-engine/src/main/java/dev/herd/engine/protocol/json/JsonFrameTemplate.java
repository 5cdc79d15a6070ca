package dev.herd.engine.protocol.json;

import dev.herd.engine.protocol.FrameTemplate;
import dev.herd.engine.protocol.FrameValues;
import dev.herd.engine.scenario.JsonTree;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSON frame with {@code {{name}}} placeholders, like {@link FrameTemplate}, that knows which placeholders sit inside
 * a JSON string: their values are escaped as they are written (a topic or a payload holding a quote keeps the frame
 * JSON), the others are written as they are (a number, or a payload that is JSON itself).
 *
 * <pre>{@code
 * JsonFrameTemplate t = JsonFrameTemplate.parse("[{\"topic\":\"{{topic}}\",\"data\":\"{{payload}}\"}]");
 * t.shape();               // a List: the template is a JSON array (throws when it is not JSON)
 * t.write(buf, values);    // each value escaped in place, nothing allocated
 * }</pre>
 */
public final class JsonFrameTemplate {

    private final String text;
    /** Literal UTF-8 bytes ({@code byte[]}) and placeholders ({@link Slot}), in order. */
    private final Object[] parts;
    private final Set<String> names;

    private JsonFrameTemplate(String text, Object[] parts, Set<String> names) {
        this.text = text;
        this.parts = parts;
        this.names = names;
    }

    /** Parses {@code text}; names follow {@link FrameTemplate#isName}, anything else in braces stays literal. */
    public static JsonFrameTemplate parse(String text) {
        List<Object> parts = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        int literalStart = 0;
        boolean inString = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && text.startsWith("{", i + 1)) {
                int close = text.indexOf("}}", i + 2);
                String name = close < 0 ? null : text.substring(i + 2, close);
                if (name != null && FrameTemplate.isName(name)) {
                    addLiteral(parts, text.substring(literalStart, i));
                    parts.add(new Slot(name, inString));
                    names.add(name);
                    i = close + 2;
                    literalStart = i;
                    continue;
                }
            }
            if (inString && c == '\\') {
                i += 2;
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            i++;
        }
        addLiteral(parts, text.substring(literalStart));
        return new JsonFrameTemplate(text, parts.toArray(), Set.copyOf(names));
    }

    private static void addLiteral(List<Object> parts, String literal) {
        if (!literal.isEmpty()) {
            parts.add(literal.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes the frame at {@code out}'s writer index; a value inside a JSON string is escaped where it lies. */
    public void write(ByteBuf out, FrameValues values) {
        for (Object part : parts) {
            if (part instanceof byte[] bytes) {
                out.writeBytes(bytes);
            } else {
                Slot slot = (Slot) part;
                int start = out.writerIndex();
                values.write(slot.name(), out);
                if (slot.inString()) {
                    JsonStrings.escapeWritten(out, start);
                }
            }
        }
    }

    /**
     * The JSON value the template holds, with each placeholder standing for an empty string inside a string and for
     * {@code 0} elsewhere: a {@code Map}, {@code List}, … as {@link JsonTree} reads it. Throws
     * {@link IllegalArgumentException} (one line, naming the offset) when the template is not JSON.
     */
    public Object shape() {
        return shape("");
    }

    /** Like {@link #shape()}, with {@code standIn} for each placeholder inside a string (JSON-escaped already). */
    public Object shape(String standIn) {
        StringBuilder sample = new StringBuilder(text.length());
        for (Object part : parts) {
            if (part instanceof byte[] bytes) {
                sample.append(new String(bytes, StandardCharsets.UTF_8));
            } else {
                sample.append(((Slot) part).inString() ? standIn : "0");
            }
        }
        return JsonTree.parse(sample.toString());
    }

    /** The bytes of its literal text plus {@code perPlaceholder} for each placeholder: a size to allocate. */
    public int maxBytes(int perPlaceholder) {
        int n = 0;
        for (Object part : parts) {
            n += part instanceof byte[] bytes ? bytes.length : perPlaceholder;
        }
        return n;
    }

    /** The placeholders' names. */
    public Set<String> names() {
        return names;
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** A placeholder, and whether it sits inside a JSON string. */
    private record Slot(String name, boolean inString) {
    }
}
