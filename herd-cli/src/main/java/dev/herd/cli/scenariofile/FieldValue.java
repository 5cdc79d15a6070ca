package dev.herd.cli.scenariofile;

import dev.herd.cli.convert.ByteSizeConverter;
import dev.herd.cli.convert.DurationConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.TypeConversionException;

/**
 * One value of a scenario file with its dotted path and line, read as the type a setting expects; a
 * mismatch is a {@link ScenarioFileException} naming file, line, field and what was expected.
 */
final class FieldValue {

    private final String file;
    private final String path;
    private final YamlNode node;

    FieldValue(String file, String path, YamlNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    String path() {
        return path;
    }

    int line() {
        return node.line();
    }

    YamlNode node() {
        return node;
    }

    ScenarioFileException error(String problem) {
        return new ScenarioFileException(file, node.line(), path + ": " + problem);
    }

    String string() {
        if (node instanceof YamlNode.Scalar s && s.text() != null) {
            return s.text();
        }
        throw error("is " + node.kind() + " (expected a value)");
    }

    int integer(int min) {
        String text = string();
        try {
            int v = Integer.parseInt(text.trim().replace("_", ""));
            if (v < min) {
                throw error(v + " is too small (expected at least " + min + ")");
            }
            return v;
        } catch (NumberFormatException e) {
            throw error("'" + text + "' is not a whole number (expected e.g. " + Math.max(min, 100) + ")");
        }
    }

    long longValue() {
        String text = string();
        try {
            return Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("'" + text + "' is not a whole number");
        }
    }

    double positiveNumber(String example) {
        String text = string();
        String trimmed = text.trim();
        if (trimmed.endsWith("/s")) {
            trimmed = trimmed.substring(0, trimmed.length() - 2).trim();
        }
        try {
            double v = Double.parseDouble(trimmed.replace("_", ""));
            if (!(v > 0) || Double.isInfinite(v)) {
                throw error(text + " must be greater than 0 (expected e.g. " + example + ")");
            }
            return v;
        } catch (NumberFormatException e) {
            throw error("'" + text + "' is not a number (expected e.g. " + example + ")");
        }
    }

    double fraction() {
        String text = string().trim();
        try {
            double v = text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1)) / 100
                    : Double.parseDouble(text);
            if (v < 0 || v > 1) {
                throw error(text + " is not between 0 and 1 (expected e.g. 0.1 or 10%)");
            }
            return v;
        } catch (NumberFormatException e) {
            throw error("'" + text + "' is not a fraction (expected e.g. 0.1 or 10%)");
        }
    }

    boolean bool() {
        String text = string().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("'" + string() + "' is not true or false");
        };
    }

    Duration duration() {
        try {
            return DurationConverter.parse(string());
        } catch (TypeConversionException e) {
            throw error(e.getMessage());
        }
    }

    long bytes() {
        try {
            return ByteSizeConverter.parse(string());
        } catch (TypeConversionException e) {
            throw error(e.getMessage());
        }
    }

    /** One of {@code choices} (case-insensitive). */
    <E> E choice(Map<String, E> choices) {
        String text = string().trim().toLowerCase(Locale.ROOT);
        E value = choices.get(text);
        if (value == null) {
            throw error("'" + string() + "' is not one of " + String.join(", ", choices.keySet()));
        }
        return value;
    }

    List<String> strings() {
        if (node instanceof YamlNode.Scalar) {
            return List.of(string());
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            throw error("is " + node.kind() + " (expected a list of values)");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            out.add(new FieldValue(file, path + "[" + i + "]", seq.items().get(i)).string());
        }
        return out;
    }

    Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        mapping().forEach((key, value) -> out.put(key, value.string()));
        return out;
    }

    /** The entries of a mapping, each as a value with its own path; no key check (free-form maps). */
    Map<String, FieldValue> mapping() {
        if (!(node instanceof YamlNode.Mapping map)) {
            throw error("is " + node.kind() + " (expected a mapping of key: value)");
        }
        Map<String, FieldValue> out = new LinkedHashMap<>();
        map.entries().forEach((key, entry) -> out.put(key, new FieldValue(file, path + "." + key, entry.value())));
        return out;
    }

    List<FieldValue> list() {
        if (!(node instanceof YamlNode.Sequence seq)) {
            throw error("is " + node.kind() + " (expected a list)");
        }
        List<FieldValue> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            out.add(new FieldValue(file, path + "[" + i + "]", seq.items().get(i)));
        }
        return out;
    }

    Section section() {
        return new Section(file, path, node);
    }
}
