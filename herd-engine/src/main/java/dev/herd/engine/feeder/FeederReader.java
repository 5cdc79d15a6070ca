package dev.herd.engine.feeder;

import dev.herd.engine.scenario.JsonTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link Feeder} from a file: CSV with a header row (RFC 4180: fields may be quoted, {@code ""} is a quote
 * inside one), or JSON lines (one flat object per line; {@code .jsonl}, {@code .ndjson} or a first character
 * {@code {}). Errors are {@link IllegalArgumentException}s of one line naming the file and line.
 *
 * <pre>{@code
 * user,token
 * alice,eyJhbGciOi...
 * "bob, jr",eyJzdWIiOi...
 * }</pre>
 */
public final class FeederReader {

    private FeederReader() {
    }

    public static Feeder read(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(name + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " cannot be read: " + e.getMessage());
        }
        return parse(name, text);
    }

    /** Parses {@code text}, JSON lines or CSV as {@code name} and the text say. */
    public static Feeder parse(String name, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean jsonLines = lower.endsWith(".jsonl") || lower.endsWith(".ndjson")
                || (!lower.endsWith(".csv") && text.stripLeading().startsWith("{"));
        return jsonLines ? jsonLines(name, text) : csv(name, text);
    }

    private static Feeder jsonLines(String name, String text) {
        List<String> columns = null;
        List<List<String>> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Object value;
            try {
                value = JsonTree.parse(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": not JSON: " + e.getMessage());
            }
            if (!(value instanceof Map<?, ?> object)) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": expected a JSON object per line");
            }
            List<String> keys = new ArrayList<>();
            List<String> row = new ArrayList<>();
            for (Map.Entry<?, ?> e : object.entrySet()) {
                Object v = e.getValue();
                if (v instanceof Map || v instanceof List) {
                    throw new IllegalArgumentException(name + ":" + (i + 1) + ": '" + e.getKey()
                            + "' is not a string, number or boolean");
                }
                keys.add((String) e.getKey());
                row.add(v == null ? "" : v.toString());
            }
            if (columns == null) {
                columns = keys;
            } else if (!columns.equals(keys)) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": keys " + keys + " differ from the first line's "
                        + columns);
            }
            rows.add(row);
        }
        if (columns == null) {
            throw new IllegalArgumentException(name + " has no rows");
        }
        return Feeder.of(name, columns, rows);
    }

    private static Feeder csv(String name, String text) {
        List<List<String>> records = new ArrayList<>();
        List<Integer> recordLines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw new IllegalArgumentException(name + ":" + line + ": a quote inside an unquoted field");
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
                    records.add(fields);
                    recordLines.add(recordLine);
                }
                fields = new ArrayList<>();
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                recordLine = line;
            } else {
                if (wasQuoted) {
                    throw new IllegalArgumentException(name + ":" + line + ": text after a quoted field");
                }
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException(name + ":" + recordLine + ": a quoted field is not closed");
        }
        fields.add(field.toString());
        if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
            records.add(fields);
            recordLines.add(recordLine);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty (expected a header row, then one row per client)");
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        List<List<String>> rows = records.subList(1, records.size());
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != header.size()) {
                throw new IllegalArgumentException(name + ":" + recordLines.get(r + 1) + ": " + rows.get(r).size()
                        + " fields, the header has " + header.size());
            }
        }
        return Feeder.of(name, header, rows);
    }
}
