package dev.herd.cli.scenariofile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a scenario file with the line it starts on, so every error can name its line.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    int line();

    /** What kind of value this is, for error messages ("a mapping", "a list", "a value"). */
    String kind();

    /** A mapping; keys keep their order and their own lines. */
    record Mapping(int line, Map<String, Entry> entries) implements YamlNode {
        public Mapping {
            entries = new LinkedHashMap<>(entries);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** One key of a mapping. */
    record Entry(int keyLine, YamlNode value) {
    }

    record Sequence(int line, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar; {@code text} is null for YAML null ({@code ~} or nothing). */
    record Scalar(int line, String text) implements YamlNode {
        @Override
        public String kind() {
            return text == null ? "nothing" : "a value";
        }
    }
}
