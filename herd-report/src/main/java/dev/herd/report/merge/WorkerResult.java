package dev.herd.report.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herd.report.html.RunFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * One process's results directory, read back for {@code herd merge}: its summary.json, its per-second points and
 * every interval histogram of its {@code intervals.hlog}, tagged and stamped with absolute start and end times
 * (epoch milliseconds). The interval log is required: it is what lets percentiles be merged exactly.
 *
 * @param directory where the files are
 * @param summary summary.json
 * @param points timeseries.json's points (may be empty)
 * @param intervals the interval histograms, microseconds, in log order
 * @param startedMillis the run's start (summary {@code started}), epoch milliseconds
 */
public record WorkerResult(Path directory, ObjectNode summary, List<JsonNode> points, List<Histogram> intervals,
                           long startedMillis) {

    public WorkerResult {
        points = List.copyOf(points);
        intervals = List.copyOf(intervals);
    }

    /**
     * Reads a results directory.
     *
     * @throws NoSuchFileException when it has no summary.json or no intervals.hlog
     * @throws IOException when a file cannot be read or summary.json lacks a field merging needs
     */
    public static WorkerResult read(Path dir) throws IOException {
        RunFiles files = RunFiles.read(dir);
        Path hlog = dir.resolve("intervals.hlog");
        if (!Files.isRegularFile(hlog)) {
            throw new NoSuchFileException(hlog.toString(), null,
                    "no intervals.hlog (percentiles can only be merged from the interval log)");
        }
        ObjectNode summary = files.summary();
        String started = summary.path("started").asText(null);
        long startedMillis;
        try {
            startedMillis = Instant.parse(String.valueOf(started)).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IOException(dir.resolve("summary.json") + ": \"started\" is not an ISO-8601 instant: " + started);
        }
        return new WorkerResult(dir, summary, files.points(), intervals(hlog), startedMillis);
    }

    private static List<Histogram> intervals(Path hlog) throws IOException {
        List<Histogram> intervals = new ArrayList<>();
        try (InputStream in = Files.newInputStream(hlog)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                if (interval instanceof Histogram h && h.getTag() != null) {
                    intervals.add(h);
                }
            }
        } catch (RuntimeException e) {
            // HistogramLogReader reports a damaged line as an unchecked exception.
            throw new IOException(hlog + ": cannot read interval log: " + e.getMessage(), e);
        }
        return intervals;
    }

    /** summary.json's {@code role}; {@code both} for results written before herd recorded it. */
    public String role() {
        return summary.path("role").asText("both");
    }

    /** Whether this process published (its {@code messages.published} is a count of sends, not inferred). */
    public boolean published() {
        String role = role();
        return role.equals("both") || role.equals("publisher") || role.equals("merged");
    }

    /** The run's end, epoch milliseconds. */
    public long endMillis() {
        return startedMillis + summary.path("duration_ms").asLong(0);
    }
}
