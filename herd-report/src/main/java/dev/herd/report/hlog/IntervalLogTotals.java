package dev.herd.report.hlog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Reads an {@code intervals.hlog} back and sums its intervals per tag: the run's total histogram of each metric
 * ({@code latency}, {@code service_time}, {@code connect.tcp}, …), values in microseconds.
 *
 * <pre>{@code
 * Map<String, Histogram> totals = IntervalLogTotals.read(dir.resolve("intervals.hlog"));
 * Histogram latencyMicros = totals.get("latency");
 * }</pre>
 */
public final class IntervalLogTotals {

    /** A line without a tag (another tool's log) is summed under this name. */
    public static final String UNTAGGED = "untagged";

    private IntervalLogTotals() {
    }

    /** Tags in the order they first appear; an empty map for an empty log. */
    public static Map<String, Histogram> read(Path hlog) throws IOException {
        try (InputStream in = Files.newInputStream(hlog)) {
            return read(in);
        }
    }

    public static Map<String, Histogram> read(InputStream in) throws IOException {
        Map<String, Histogram> totals = new LinkedHashMap<>();
        HistogramLogReader reader = new HistogramLogReader(in);
        try {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                if (!(interval instanceof Histogram h)) {
                    continue; // double histograms: herd never writes them
                }
                String tag = h.getTag() == null ? UNTAGGED : h.getTag();
                // Auto-resizing, so intervals of any range add up without an overflow.
                totals.computeIfAbsent(tag, t -> {
                    Histogram total = new Histogram(h.getNumberOfSignificantValueDigits());
                    total.setTag(t);
                    return total;
                }).add(h);
            }
        } catch (RuntimeException e) {
            // HistogramLogReader reports a damaged line as an unchecked exception.
            throw new IOException("cannot read interval log: " + e, e);
        } finally {
            reader.close();
        }
        return Collections.unmodifiableMap(totals);
    }
}
