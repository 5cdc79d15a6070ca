package dev.herd.cli.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The once-a-second status line of a run split over processes ({@code --workers}), from each worker's latest JSON
 * line: connections and rates add up; the p99 shown is the worst worker's (the merged p99 comes at the end, from
 * the interval logs).
 */
public final class WorkersProgressPrinter {

    private final PrintWriter out;

    public WorkersProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    /**
     * @param elapsedSeconds since the workers were started
     * @param latest each worker's latest per-second figures (null before its first, or after it ended)
     * @param running how many workers are still running
     */
    public void print(double elapsedSeconds, JsonNode[] latest, int running) {
        long open = 0;
        long target = 0;
        double sent = 0;
        double received = 0;
        double errors = 0;
        double worstP99 = -1;
        String stage = "starting";
        boolean warning = false;
        for (JsonNode p : latest) {
            if (p == null) {
                continue;
            }
            if (stage.equals("starting")) {
                stage = p.path("stage").asText("starting");
            }
            open += p.path("open").asLong();
            target += p.path("target_connections").asLong();
            sent += p.path("sent_per_second").asDouble();
            received += p.path("received_per_second").asDouble();
            errors += p.path("failures_per_second").asDouble() + p.path("publish_failed_per_second").asDouble();
            if (p.path("received_per_second").asDouble() > 0) {
                worstP99 = Math.max(worstP99, p.path("latency_p99_ms").asDouble());
            }
            warning |= p.path("event_loop_lag_max_ms").asDouble() > 250 || p.path("cpu_percent").asDouble() >= 95;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%6.0fs %-9s open %d/%d  sent %s/s  recv %s/s  p99 %s  errors %.0f  workers %d/%d",
                elapsedSeconds, stage, open, target, ProgressPrinter.formatCount(sent),
                ProgressPrinter.formatCount(received), worstP99 < 0 ? "-" : ProgressPrinter.formatMillis(worstP99),
                errors, running, latest.length));
        if (target > 0 && open < target && stage.equals("connect")) {
            line.append("  ").append(ProgressPrinter.bar(open, target));
        }
        if (warning) {
            line.append("  WARNING a worker is saturated (see its status in the results)");
        }
        out.println(line);
        out.flush();
    }
}
