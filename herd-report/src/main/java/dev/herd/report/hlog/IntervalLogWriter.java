package dev.herd.report.hlog;

import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.metrics.IntervalListener;
import dev.herd.engine.metrics.IntervalSnapshot;
import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes {@code intervals.hlog} with HdrHistogram's own log writer: one line per metric per second, tagged
 * with the metric's summary.json path ({@code latency}, {@code connect.tcp}, …), values in microseconds.
 * Empty intervals are skipped. Reporter thread only.
 */
public final class IntervalLogWriter implements IntervalListener {

    private final PrintStream out;
    private final HistogramLogWriter writer;

    private boolean headerWritten;
    private long baseTimeMillis;

    public IntervalLogWriter(Path file) throws FileNotFoundException {
        this.out = new PrintStream(file.toFile());
        this.writer = new HistogramLogWriter(out);
    }

    @Override
    public void onInterval(IntervalSnapshot snapshot) {
        if (!headerWritten) {
            // The first interval starts at the run's start: that is the log's base time.
            baseTimeMillis = snapshot.startEpochMillis();
            IntervalLogFormat.writeHeader(writer, baseTimeMillis,
                    "herd interval log: values in microseconds (max column in ms), tags are summary.json paths");
            headerWritten = true;
        }
        for (HistogramId id : HistogramId.values()) {
            Histogram h = snapshot.histogram(id);
            if (h.getTotalCount() == 0) {
                continue;
            }
            h.setTag(id.path());
            IntervalLogFormat.writeInterval(writer, h, baseTimeMillis);
        }
        out.flush();
    }

    @Override
    public void onFinish() {
        out.close();
    }
}
