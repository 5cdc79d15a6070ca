package dev.herd.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Picks and creates a run's results directory: {@code --out}, or {@code results/<scenario>-<yyyyMMdd-HHmmss>}. */
public final class ResultsDirectory {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ResultsDirectory() {
    }

    public static Path create(Path requested, String scenario) {
        Path dir = requested != null ? requested
                : Path.of("results", scenario + "-" + LocalDateTime.now().format(STAMP));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create results directory " + dir, e);
        }
    }
}
