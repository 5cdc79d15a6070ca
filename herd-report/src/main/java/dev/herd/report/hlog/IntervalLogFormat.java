package dev.herd.report.hlog;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * How herd writes an {@code intervals.hlog}, for a run as it goes and for a merged run: HdrHistogram's own log
 * format, with the start and base time at the first interval's start, interval times relative to it, values in
 * microseconds and the max column in milliseconds, each line tagged with its summary.json path.
 */
public final class IntervalLogFormat {

    /** Histograms hold microseconds; the log's max column is in milliseconds. */
    private static final double MICROS_PER_MILLI = 1000.0;

    private IntervalLogFormat() {
    }

    /** Writes the header, with {@code baseMillis} (epoch ms) as the log's start and base time. */
    public static void writeHeader(HistogramLogWriter writer, long baseMillis, String comment) {
        writer.outputLogFormatVersion();
        writer.outputComment(comment);
        writer.outputStartTime(baseMillis);
        writer.setBaseTime(baseMillis);
        writer.outputBaseTime(baseMillis);
        writer.outputLegend();
    }

    /** Writes one tagged interval histogram; its start and end time stamps are epoch milliseconds. */
    public static void writeInterval(HistogramLogWriter writer, Histogram interval, long baseMillis) {
        writer.outputIntervalHistogram((interval.getStartTimeStamp() - baseMillis) / 1000.0,
                (interval.getEndTimeStamp() - baseMillis) / 1000.0, interval, MICROS_PER_MILLI);
    }
}
