package dev.herd.cli.console;

import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.metrics.IntervalListener;
import dev.herd.engine.metrics.IntervalSnapshot;
import java.io.PrintWriter;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The console's once-a-second status line: elapsed, stage, open/target connections, sent/s, received/s,
 * p99 of the last second, errors, and a warning when the generator itself is struggling.
 *
 * <pre>
 *    12s publish   open 100/100  sent 200/s  recv 10000/s  p99 1.21ms  errors 0
 * </pre>
 */
public final class ProgressPrinter implements IntervalListener {

    /** Lag above this on any loop in one second: warn that herd's own figures are suspect. */
    private static final long LAG_WARNING_MICROS = 50_000;

    private final PrintWriter out;

    public ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onInterval(IntervalSnapshot s) {
        Histogram latency = s.histogram(HistogramId.LATENCY);
        String p99 = latency.getTotalCount() == 0 ? "-" : formatMillis(latency.getValueAtPercentile(99) / 1000.0);
        long errors = s.delta(CounterId.CONNECT_FAILURES) + s.delta(CounterId.CLOSED_BY_ERROR)
                + s.delta(CounterId.PUBLISH_FAILED);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%6.0fs %-9s open %d/%d  sent %s/s  recv %s/s  p99 %s  errors %d",
                s.elapsedSeconds(), s.stage(), s.total(CounterId.OPEN), s.targetConnections(),
                formatCount(s.ratePerSecond(CounterId.PUBLISHED)), formatCount(s.ratePerSecond(CounterId.RECEIVED_STAMPS)),
                p99, errors));
        long open = s.total(CounterId.OPEN);
        if (s.targetConnections() > 0 && open < s.targetConnections() && isRamping(s.stage())) {
            line.append("  ").append(bar(open, s.targetConnections()));
        }
        if (s.delta(CounterId.RECONNECT_ATTEMPTS) > 0) {
            line.append(String.format(Locale.ROOT, "  reconnecting %s/s",
                    formatCount(s.ratePerSecond(CounterId.RECONNECT_ATTEMPTS))));
        }
        if (s.health().maxEventLoopLagMicros() > LAG_WARNING_MICROS || s.health().cpuPercent() >= 95) {
            line.append(String.format(Locale.ROOT, "  WARNING generator saturated (loop lag %.0fms, cpu %.0f%%)",
                    s.health().maxEventLoopLagMicros() / 1000.0, s.health().cpuPercent()));
        }
        if (s.health().fileDescriptorShare() >= 0.9) {
            line.append(String.format(Locale.ROOT, "  WARNING %d of %d file descriptors in use",
                    s.health().openFileDescriptors(), s.health().maxFileDescriptors()));
        }
        if (s.health().ephemeralPortShare() >= 0.9) {
            line.append(String.format(Locale.ROOT, "  WARNING %d client sockets of %d ephemeral ports",
                    s.health().clientSockets(), s.health().ephemeralPortRange()));
        }
        out.println(line);
        out.flush();
    }

    /** Stages in which connections are being opened: the line then shows how far along the ramp is. */
    private static boolean isRamping(String stage) {
        return stage.equals("connect") || stage.equals("storm") || stage.startsWith("sweep") || stage.startsWith("step");
    }

    /** A 20-character progress bar with the percentage, e.g. {@code [#########...........] 45%}. */
    static String bar(long done, long total) {
        int width = 20;
        int filled = (int) Math.min(width, done * width / Math.max(1, total));
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + (done * 100 / Math.max(1, total)) + "%";
    }

    static String formatCount(double perSecond) {
        if (perSecond >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2fM", perSecond / 1_000_000);
        }
        if (perSecond >= 10_000) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1_000);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    static String formatMillis(double ms) {
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.2fs", ms / 1000);
        }
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0fms", ms);
        }
        return String.format(Locale.ROOT, "%.2fms", ms);
    }
}
