package dev.herd.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herd.report.hlog.IntervalLogTotals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A results directory read back for the report: summary.json (required), the per-second points of
 * timeseries.json and the run's total histograms summed from intervals.hlog (both optional). What could not
 * be read is left empty and said in {@link #notes()}, so a damaged file costs its charts, never the page.
 *
 * @param directory where the files are
 * @param summary summary.json
 * @param points timeseries.json's points, oldest first (empty when the file is missing or unreadable)
 * @param totals the run's total histogram per hlog tag, microseconds (empty when the log is missing or unreadable)
 * @param notes what was missing or unreadable, one sentence each
 */
public record RunFiles(Path directory, ObjectNode summary, List<JsonNode> points, Map<String, Histogram> totals,
                       List<String> notes) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public RunFiles {
        points = List.copyOf(points);
        totals = Map.copyOf(totals);
        notes = List.copyOf(notes);
    }

    /**
     * Reads a results directory.
     *
     * @throws NoSuchFileException when there is no summary.json
     * @throws IOException when summary.json is not a JSON object
     */
    public static RunFiles read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a directory");
        }
        Path summaryFile = dir.resolve("summary.json");
        if (!Files.isRegularFile(summaryFile)) {
            throw new NoSuchFileException(summaryFile.toString(), null, "no summary.json (not a results directory?)");
        }
        JsonNode summary;
        try {
            summary = MAPPER.readTree(summaryFile.toFile());
        } catch (IOException e) {
            throw new IOException(summaryFile + " is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (!(summary instanceof ObjectNode object)) {
            throw new IOException(summaryFile + " is not a JSON object");
        }
        List<String> notes = new ArrayList<>();
        return new RunFiles(dir, object, readPoints(dir.resolve("timeseries.json"), notes),
                readTotals(dir.resolve("intervals.hlog"), notes), notes);
    }

    private static List<JsonNode> readPoints(Path file, List<String> notes) {
        if (!Files.isRegularFile(file)) {
            notes.add("No timeseries.json: the charts over time are left out.");
            return List.of();
        }
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            JsonNode points = root.path("points");
            if (!points.isArray()) {
                notes.add("timeseries.json has no points array: the charts over time are left out.");
                return List.of();
            }
            List<JsonNode> list = new ArrayList<>();
            points.forEach(p -> {
                if (p.isObject()) {
                    list.add(p);
                }
            });
            return list;
        } catch (IOException e) {
            notes.add("timeseries.json could not be read (" + firstLine(e.getMessage())
                    + "): the charts over time are left out.");
            return List.of();
        }
    }

    private static Map<String, Histogram> readTotals(Path file, List<String> notes) {
        if (!Files.isRegularFile(file)) {
            notes.add("No intervals.hlog: distributions are drawn from summary.json's percentiles alone.");
            return Map.of();
        }
        try {
            return IntervalLogTotals.read(file);
        } catch (IOException e) {
            notes.add("intervals.hlog could not be read (" + firstLine(e.getMessage())
                    + "): distributions are drawn from summary.json's percentiles alone.");
            return Map.of();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
