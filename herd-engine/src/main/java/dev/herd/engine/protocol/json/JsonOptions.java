package dev.herd.engine.protocol.json;

import dev.herd.engine.protocol.Placeholders;
import dev.herd.engine.protocol.ProtocolOptions;
import java.util.List;
import java.util.Map;

/**
 * Protocol options whose value is a JSON template ({@code subscribe_args}, {@code variables}, …), checked when the
 * protocol is built: a value that is not JSON of the expected kind, or that uses a publish-only placeholder where no
 * payload exists, is an {@link IllegalArgumentException} of one line naming the option.
 *
 * <pre>{@code
 * JsonFrameTemplate args = JsonOptions.array(options, "subscribe_args", "[\"{{topic}}\"]", false);
 * }</pre>
 */
public final class JsonOptions {

    private JsonOptions() {
    }

    /** Option {@code key} as a JSON array template; {@code example} is shown when it is not one. */
    public static JsonFrameTemplate array(ProtocolOptions options, String key, String example, boolean publish) {
        return read(options, key, List.class, "a JSON array such as " + example, publish);
    }

    /** Option {@code key} as a JSON object template; {@code example} is shown when it is not one. */
    public static JsonFrameTemplate object(ProtocolOptions options, String key, String example, boolean publish) {
        return read(options, key, Map.class, "a JSON object such as " + example, publish);
    }

    private static JsonFrameTemplate read(ProtocolOptions options, String key, Class<?> kind, String expected,
                                          boolean publish) {
        String value = options.text(key);
        JsonFrameTemplate template = JsonFrameTemplate.parse(value.strip());
        Object shape;
        try {
            shape = template.shape();
        } catch (IllegalArgumentException e) {
            throw invalid(options, key, value, expected, " (" + e.getMessage() + ")");
        }
        if (!kind.isInstance(shape)) {
            throw invalid(options, key, value, expected, "");
        }
        if (!publish) {
            for (String name : template.names()) {
                if (Placeholders.PUBLISH.contains(name)) {
                    throw new IllegalArgumentException("protocol option '" + key + "' of " + options.protocol()
                            + " uses {{" + name + "}}, which only a publish frame has");
                }
            }
        }
        return template;
    }

    private static IllegalArgumentException invalid(ProtocolOptions options, String key, String value,
                                                    String expected, String detail) {
        return new IllegalArgumentException("protocol option '" + key + "' of " + options.protocol() + " must be "
                + expected + ", not '" + oneLine(value) + "'" + detail);
    }

    /** {@code text} with line breaks and other control characters as spaces: errors are one line. */
    static String oneLine(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(c < 0x20 ? ' ' : c);
        }
        return sb.toString();
    }
}
