package dev.herd.cli.scenariofile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A mapping of a scenario file whose keys are known: each key has a handler, and an unknown or misspelt key
 * is an error naming it, its line, the closest known key and the keys allowed there.
 *
 * <pre>{@code
 * section.read(Map.of("url", v -> s.url = v.string(), "insecure", v -> s.insecure = v.bool()));
 * }</pre>
 */
final class Section {

    private final String file;
    private final String path;
    private final YamlNode.Mapping mapping;

    Section(String file, String path, YamlNode node) {
        if (!(node instanceof YamlNode.Mapping m)) {
            String where = path.isEmpty() ? "the file" : path;
            throw new ScenarioFileException(file, node.line(), where + ": is " + node.kind()
                    + " (expected a mapping of key: value)");
        }
        this.file = file;
        this.path = path;
        this.mapping = m;
    }

    /** Runs each present key's handler, in file order; unknown keys are errors. */
    void read(Map<String, Consumer<FieldValue>> handlers) {
        for (Map.Entry<String, YamlNode.Entry> e : mapping.entries().entrySet()) {
            String key = e.getKey();
            Consumer<FieldValue> handler = handlers.get(key);
            String keyPath = path.isEmpty() ? key : path + "." + key;
            if (handler == null) {
                throw new ScenarioFileException(file, e.getValue().keyLine(), keyPath + ": unknown key"
                        + suggestion(key, handlers.keySet()) + " (expected one of: "
                        + String.join(", ", handlers.keySet()) + ")");
            }
            handler.accept(new FieldValue(file, keyPath, e.getValue().value()));
        }
    }

    /** Checks that {@code key} is present. */
    void require(String key, String example) {
        if (!mapping.entries().containsKey(key)) {
            String keyPath = path.isEmpty() ? key : path + "." + key;
            throw new ScenarioFileException(file, mapping.line(), keyPath + " is required (e.g. " + example + ")");
        }
    }

    int line() {
        return mapping.line();
    }

    List<String> keys() {
        return new ArrayList<>(mapping.entries().keySet());
    }

    static String suggestion(String key, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance; the keys are short. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
