package dev.herd.cli.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The end-of-run block for a result merged from several processes ({@code herd merge}, {@code --workers}). */
public final class MergedSummaryPrinter {

    private final PrintWriter out;

    public MergedSummaryPrinter(PrintWriter out) {
        this.out = out;
    }

    public void print(JsonNode s, Path dir, Path page) {
        out.printf(Locale.ROOT, "merged       %d processes of run %s (%s)%n", s.path("workers").asInt(),
                s.path("run_id").asText(), s.path("scenario").asText());
        JsonNode c = s.path("connections");
        out.printf(Locale.ROOT, "connections  %d established, %d failed, peak %d open%n",
                c.path("established").asLong(), c.path("failed").asLong(), c.path("peak_open").asLong());
        JsonNode total = s.path("connect").path("total");
        if (total.path("count").asLong() > 0) {
            out.printf(Locale.ROOT, "connect ms   p50 %.3f  p99 %.3f  max %.3f%n", total.path("p50").asDouble(),
                    total.path("p99").asDouble(), total.path("max").asDouble());
        }
        JsonNode storm = s.path("connect_storm");
        if (storm.isObject()) {
            out.printf(Locale.ROOT, "storm        %d of %d clients open, %.0f/s achieved of %.0f/s asked, last open at %s ms%n",
                    storm.path("established").asLong(), storm.path("clients").asLong(),
                    storm.path("achieved_rate").asDouble(), storm.path("asked_rate").asDouble(),
                    storm.path("last_open_ms").asText());
        }
        JsonNode m = s.path("messages");
        out.printf(Locale.ROOT, "messages     %d published, %d expected, %d received, %d lost, %d duplicated, "
                        + "%d reordered%n", m.path("published").asLong(), m.path("expected").asLong(),
                m.path("received").asLong(), m.path("lost").asLong(), m.path("duplicated").asLong(),
                m.path("reordered").asLong());
        JsonNode l = s.path("latency");
        if (l.path("count").asLong() > 0) {
            out.printf(Locale.ROOT, "latency ms   p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (%d samples)%n",
                    l.path("p50").asDouble(), l.path("p99").asDouble(), l.path("p999").asDouble(),
                    l.path("max").asDouble(), l.path("count").asLong());
        }
        JsonNode g = s.path("generator");
        List<String> reasons = new ArrayList<>();
        g.path("reasons").forEach(r -> reasons.add(r.asText()));
        out.printf("generator    %s%n", g.path("trustworthy").asBoolean()
                ? "trustworthy" : "NOT trustworthy: " + String.join("; ", reasons));
        s.path("thresholds").forEach(t -> out.printf(Locale.ROOT, "threshold    %s  %s (actual %s)%n",
                t.path("passed").asBoolean() ? "pass" : "FAIL", t.path("expression").asText(),
                t.path("actual").asText()));
        out.printf("verdict      %s%n", s.path("verdict").asText());
        out.printf("results      %s%n", dir);
        if (page != null) {
            out.printf("report       %s%n", page);
        }
        out.flush();
    }
}
