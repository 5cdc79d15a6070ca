package dev.herd.engine.scenario.reconnectstorm;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The keys of a JSON object's top level, found without a JSON library (the engine has none): enough to recognise
 * the reference target's {@code /stats} by its keys, not a validating parser.
 *
 * <pre>{@code
 * TopLevelJsonKeys.of("{\"a\":{\"b\":1},\"c\":[2]}")   // [a, c]
 * }</pre>
 */
final class TopLevelJsonKeys {

    private TopLevelJsonKeys() {
    }

    /** The top-level keys in order; empty when {@code json} is not an object. */
    static Set<String> of(String json) {
        Set<String> keys = new LinkedHashSet<>();
        if (json == null) {
            return keys;
        }
        int start = skipSpace(json, 0);
        if (start >= json.length() || json.charAt(start) != '{') {
            return keys;
        }
        int depth = 0;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == '"') {
                int end = endOfString(json, i);
                if (end < 0) {
                    break;
                }
                // A string at depth 1 followed by a colon is a key of the outer object (values are followed by , or }).
                int next = skipSpace(json, end + 1);
                if (depth == 1 && next < json.length() && json.charAt(next) == ':') {
                    keys.add(json.substring(i + 1, end));
                }
                i = end;
            }
        }
        return keys;
    }

    /** The index of the quote closing the string that opens at {@code open}, or -1. */
    private static int endOfString(String s, int open) {
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
