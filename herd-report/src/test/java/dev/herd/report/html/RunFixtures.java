package dev.herd.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The golden results directories under {@code src/test/resources/runs} (real runs of herd against its
 * reference target) and the synthetic section shapes under {@code sections}, copied into a test's
 * directory so that a test can change them.
 */
public final class RunFixtures {

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunFixtures() {
    }

    /** Copies {@code runs/<name>} (summary.json, timeseries.json, intervals.hlog) to {@code dir/<name>}. */
    public static Path copy(String name, Path dir) {
        Path target = dir.resolve(name);
        try {
            Files.createDirectories(target);
            for (String file : new String[] {"summary.json", "timeseries.json", "intervals.hlog"}) {
                try (InputStream in = resource("runs/" + name + "/" + file)) {
                    Files.copy(in, target.resolve(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Changes a results directory's summary.json in place. */
    public static void editSummary(Path runDir, Consumer<ObjectNode> edit) {
        try {
            ObjectNode summary = (ObjectNode) MAPPER.readTree(runDir.resolve("summary.json").toFile());
            edit.accept(summary);
            MAPPER.writeValue(runDir.resolve("summary.json").toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the keys of {@code sections/<name>.json} (except {@code _comment}) to a run's summary.json. */
    public static void addSections(Path runDir, String... names) {
        editSummary(runDir, summary -> {
            for (String name : names) {
                JsonNode sections = section(name);
                sections.properties().forEach(e -> {
                    if (!e.getKey().equals("_comment")) {
                        summary.set(e.getKey(), e.getValue());
                    }
                });
            }
        });
    }

    public static JsonNode section(String name) {
        try (InputStream in = resource("sections/" + name + ".json")) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode readSummary(Path runDir) {
        try {
            return MAPPER.readTree(runDir.resolve("summary.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = RunFixtures.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("no test resource " + name);
        }
        return in;
    }
}
