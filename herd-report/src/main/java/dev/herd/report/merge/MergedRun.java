package dev.herd.report.merge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herd.report.hlog.IntervalLogFormat;
import dev.herd.report.summary.SummaryJsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * One result made from the results of a run's processes (DESIGN.md, scale-out: {@code herd merge}): the merged
 * summary.json, timeseries.json and intervals.hlog, written in the same formats as a single process's, so the
 * report, thresholds and {@code herd compare} work on it unchanged.
 *
 * <pre>{@code
 * MergedRun run = MergedRun.of(List.of(WorkerResult.read(pub), WorkerResult.read(sub1), WorkerResult.read(sub2)));
 * run.write(Path.of("results/merged"));
 * }</pre>
 *
 * @param summary the merged summary.json (thresholds empty, verdict pass: the caller evaluates its own)
 * @param points the merged per-second points
 * @param intervals every process's interval histograms, in time order
 */
public record MergedRun(ObjectNode summary, List<ObjectNode> points, List<Histogram> intervals) {

    /**
     * Merges the results of one run's processes.
     *
     * @throws IllegalArgumentException when they are not of one run (run id or scenario differ), or there are none
     */
    public static MergedRun of(List<WorkerResult> workers) {
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge: give the results directories of a run's processes");
        }
        WorkerResult first = workers.get(0);
        for (WorkerResult w : workers) {
            requireSame(first, w, "run_id", "only the processes of one run can be merged (give them the same --run-id)");
            requireSame(first, w, "scenario", "only results of one scenario can be merged");
        }
        List<Histogram> intervals = new ArrayList<>();
        Map<String, Histogram> totals = new LinkedHashMap<>();
        for (WorkerResult w : workers) {
            for (Histogram h : w.intervals()) {
                intervals.add(h);
                totals.computeIfAbsent(h.getTag(), t -> new Histogram(h.getNumberOfSignificantValueDigits())).add(h);
            }
        }
        intervals.sort(Comparator.comparingLong(Histogram::getStartTimeStamp));
        long started = workers.stream().mapToLong(WorkerResult::startedMillis).min().orElseThrow();
        List<ObjectNode> points = TimeseriesMerge.merge(workers, intervals, started);
        long peakOpen = Math.max(TimeseriesMerge.peakOpen(points), workers.stream()
                .mapToLong(w -> w.summary().path("connections").path("peak_open").asLong(0)).max().orElse(0));
        return new MergedRun(SummaryMerge.merge(workers, totals, peakOpen), points, intervals);
    }

    private static void requireSame(WorkerResult first, WorkerResult other, String key, String why) {
        String a = first.summary().path(key).asText("");
        String b = other.summary().path(key).asText("");
        if (!a.equals(b)) {
            throw new IllegalArgumentException(first.directory() + " has " + key + " " + a + " but " + other.directory()
                    + " has " + b + ": " + why);
        }
    }

    /** Writes summary.json (this record's), timeseries.json and intervals.hlog into {@code dir}, creating it. */
    public void write(Path dir, ObjectNode finalSummary) throws IOException {
        Files.createDirectories(dir);
        SummaryJsonWriter.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("summary.json").toFile(),
                finalSummary);
        ObjectNode timeseries = SummaryJsonWriter.MAPPER.createObjectNode();
        timeseries.put("interval_ms", 1000);
        ArrayNode array = timeseries.putArray("points");
        points.forEach(array::add);
        SummaryJsonWriter.MAPPER.writeValue(dir.resolve("timeseries.json").toFile(), timeseries);
        writeIntervals(dir.resolve("intervals.hlog"));
    }

    private void writeIntervals(Path file) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            long base = intervals.isEmpty() ? 0 : intervals.get(0).getStartTimeStamp();
            IntervalLogFormat.writeHeader(writer, base, "herd interval log merged from " + summary.path("workers").asInt()
                    + " processes: values in microseconds (max column in ms), tags are summary.json paths");
            for (Histogram h : intervals) {
                IntervalLogFormat.writeInterval(writer, h, base);
            }
        }
    }
}
