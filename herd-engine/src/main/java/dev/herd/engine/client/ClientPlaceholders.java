package dev.herd.engine.client;

import dev.herd.engine.feeder.Feeder;
import dev.herd.engine.protocol.Placeholders;
import dev.herd.engine.protocol.WireProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Per-client placeholders in URLs and header values: {@code {topic}}, {@code {topic_index}}, {@code {client}},
 * {@code {run}} and the feeder's columns ({@code {token}}), in single braces; and the check, before anything connects,
 * that every placeholder a URL, a header or a protocol's frames use is one a run can fill.
 *
 * <pre>{@code
 * String url = ClientPlaceholders.expand("wss://host/ws?token={token}&room={topic}", session::placeholderValue);
 * }</pre>
 */
public final class ClientPlaceholders {

    /** What a URL or header value may use besides feeder columns. */
    private static final Set<String> URL_NAMES = Set.of(Placeholders.TOPIC, Placeholders.TOPIC_INDEX,
            Placeholders.CLIENT, Placeholders.RUN);

    private ClientPlaceholders() {
    }

    /**
     * {@code template} with each {@code {name}} whose value {@code lookup} knows replaced; the rest as written. A
     * name is one or more of {@code A-Z a-z 0-9 _}. Scanned by hand, not by a regular expression: this runs at every
     * connection attempt whose URL or headers name the client.
     */
    public static String expand(String template, Function<String, String> lookup) {
        int open = template.indexOf('{');
        if (open < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        int copied = 0;
        while (open >= 0) {
            int end = nameEnd(template, open + 1);
            if (end < template.length() && end > open + 1 && template.charAt(end) == '}') {
                String value = lookup.apply(template.substring(open + 1, end));
                if (value != null) {
                    out.append(template, copied, open).append(value);
                    copied = end + 1;
                }
                open = template.indexOf('{', end + 1);
            } else {
                open = template.indexOf('{', open + 1);
            }
        }
        return out.append(template, copied, template.length()).toString();
    }

    /**
     * The placeholder names {@code template} holds, in order, as {@link #expand} finds them: the one definition of
     * what a placeholder is.
     */
    static List<String> names(String template) {
        List<String> names = new ArrayList<>();
        expand(template, name -> {
            names.add(name);
            return null;
        });
        return names;
    }

    /** True when every placeholder {@code template} holds is one of {@code allowed} (or it holds none). */
    static boolean namesOnly(String template, Set<String> allowed) {
        return allowed.containsAll(names(template));
    }

    /** The index after the run of name characters starting at {@code from}. */
    private static int nameEnd(String s, int from) {
        int i = from;
        while (i < s.length() && isNameChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
    }

    /**
     * The value of a URL or header placeholder for client {@code client} on topic {@code topicIndex} (-1: none): its
     * topic, topic index, client index, the run id or a feeder column; null for a name it does not know.
     */
    static String value(ClientContext ctx, int client, int topicIndex, String name) {
        switch (name) {
            case Placeholders.TOPIC:
                return topicIndex < 0 ? null : ctx.topicName(topicIndex);
            case Placeholders.TOPIC_INDEX:
                return topicIndex < 0 ? null : Integer.toString(topicIndex);
            case Placeholders.CLIENT:
                return Integer.toString(client);
            case Placeholders.RUN:
                return String.format("%08x", ctx.runId());
            default:
                Feeder feeder = ctx.options().feeder();
                int column = feeder == null ? -1 : feeder.column(name);
                return column < 0 ? null : feeder.value(client, column);
        }
    }

    /** True when {@code text} holds a placeholder a client fills ({@code {topic}} of a URL counts too). */
    public static boolean hasPlaceholders(String text) {
        return !names(text).isEmpty();
    }

    /**
     * Checks the placeholders of a URL template ({@code what} names it in the error): each must be one herd fills or a
     * feeder column.
     */
    public static void checkUrl(String what, String template, Feeder feeder) {
        for (String name : names(template)) {
            if (!URL_NAMES.contains(name) && (feeder == null || feeder.column(name) < 0)) {
                throw new IllegalArgumentException(what + " uses {" + name + "}, which is " + unknown(feeder, URL_NAMES));
            }
        }
    }

    /**
     * Checks the placeholders of header values and of the protocol's frames, and the feeder values the protocol puts in
     * a header line.
     */
    static void check(WireProtocol protocol, Feeder feeder, Map<String, String> headers) {
        headers.forEach((name, value) -> checkUrl("header " + name, value, feeder));
        Set<String> known = new TreeSet<>(Placeholders.CONNECTION);
        known.addAll(Placeholders.PUBLISH);
        for (String name : protocol.placeholders()) {
            if (!known.contains(name) && (feeder == null || feeder.column(name) < 0)) {
                throw new IllegalArgumentException("protocol " + protocol.name() + " uses {{" + name + "}}, which is "
                        + unknown(feeder, known));
            }
        }
        for (String name : protocol.headerPlaceholders()) {
            checkHeaderValues(protocol, feeder, name);
        }
    }

    /** Refuses a feeder column whose values go into a protocol's header line when one holds a line break or NUL. */
    private static void checkHeaderValues(WireProtocol protocol, Feeder feeder, String name) {
        int column = feeder == null ? -1 : feeder.column(name);
        if (column < 0) {
            return;
        }
        for (int row = 0; row < feeder.rows(); row++) {
            String value = feeder.rowValue(row, column);
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
                // The value itself is not shown: the column may be a secret.
                throw new IllegalArgumentException(feeder.source() + ": row " + (row + 1) + " holds a line break or NUL "
                        + "in column " + name + ", which protocol " + protocol.name() + " puts in a header line");
            }
        }
    }

    private static String unknown(Feeder feeder, Set<String> known) {
        return "neither a placeholder herd fills (" + String.join(", ", new TreeSet<>(known)) + ")"
                + (feeder == null ? " nor a feeder column (no --feeder given)"
                : " nor a column of " + feeder.source() + " (" + String.join(", ", feeder.columns()) + ")");
    }
}
