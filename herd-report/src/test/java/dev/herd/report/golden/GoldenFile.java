package dev.herd.report.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file a writer must produce byte for byte, kept under {@code src/test/resources/golden}: the result contract (key
 * names, nesting, number formats) cannot drift without a test saying so. After an intended change, run the test once
 * with {@code -Dherd.golden.update=true} to rewrite the file, and review the diff like any other change.
 */
final class GoldenFile {

    private static final Path DIR = Path.of("src/test/resources/golden");

    private GoldenFile() {
    }

    /** Checks {@code actual} against {@code golden/<name>}, or rewrites the file when asked to. */
    static void assertMatches(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("herd.golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file %s (create it with -Dherd.golden.update=true)", file).exists();
        assertThat(actual).as("%s differs from its golden file; if the change is meant, rewrite it with "
                + "-Dherd.golden.update=true and review the diff", name)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
