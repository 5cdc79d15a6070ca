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

    /**
     * {@code requested} with {@code {slice}} replaced by the slice's index (0 for a run that is not split), so that the
     * slices of one run given one {@code --out} write apart: {@code --out /results/slice-{slice}}.
     */
    public static Path forSlice(Path requested, dev.herd.api.Slice slice) {
        if (requested == null || !requested.toString().contains("{slice}")) {
            return requested;
        }
        return Path.of(requested.toString().replace("{slice}", Integer.toString(slice == null ? 0 : slice.index())));
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
