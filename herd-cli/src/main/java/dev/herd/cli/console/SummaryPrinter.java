package dev.herd.cli.console;

import dev.herd.engine.result.ConnectionCounts;
import dev.herd.engine.result.GeneratorReport;
import dev.herd.engine.result.HistogramSummary;
import dev.herd.engine.result.MessageCounts;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.result.ThresholdResult;
import dev.herd.engine.tls.TlsSection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The short table printed at the end of a run: connect phases, latency percentiles, counts, generator
 * health, thresholds, and where the results are.
 */
public final class SummaryPrinter {

    private final PrintWriter out;

    public SummaryPrinter(PrintWriter out) {
        this.out = out;
    }

    public void print(RunResult r, Path resultsDir) {
        out.println();
        String wire = r.target().wireProtocol();
        out.printf(Locale.ROOT, "== %s: %s (%s)%s%n", r.scenario(), r.target().url(),
                wire == null || wire.equals("raw") ? r.target().protocol() : r.target().protocol() + ", " + wire,
                r.interrupted() ? "  [interrupted]" : "");
        ConnectionCounts c = r.connections();
        out.printf(Locale.ROOT, "connections  attempted %d  established %d  failed %d  peak open %d  "
                        + "closed by server %d  broken %d  reconnects %d%n",
                c.attempted(), c.established(), c.failed(), c.peakOpen(), c.closedByServer(), c.closedByError(),
                c.reconnects());
        if (!c.failedByReason().isEmpty()) {
            out.println("  failed by reason  " + c.failedByReason());
        }
        if (!c.closedByReason().isEmpty()) {
            out.println("  closed by reason  " + c.closedByReason());
        }
        if (c.subscriptions() != null) {
            ConnectionCounts.Subscriptions s = c.subscriptions();
            out.printf(Locale.ROOT, "subscribed   %d acknowledged%s%n", s.acknowledged(), s.notAcknowledged() == 0 ? ""
                    : String.format(Locale.ROOT, ", %d NOT acknowledged (refused, timed out or closed; see failed by "
                    + "reason): they expect no messages", s.notAcknowledged()));
        }
        out.println(header("connect (ms)"));
        for (Map.Entry<String, HistogramSummary> phase : r.connect().entrySet()) {
            if (phase.getValue().count() > 0) {
                out.println(row(phase.getKey(), phase.getValue()));
            }
        }
        if (r.sections().get("tls") instanceof TlsSection tls) {
            tls(tls);
        }
        MessageCounts m = r.messages();
        if (m.published() > 0 || m.received() > 0) {
            out.println(header("messages (ms)"));
            out.println(row("latency", r.latency()));
            out.println(row("service_time", r.serviceTime()));
            out.printf(Locale.ROOT, "messages     published %d  expected %d  received %d  lost %d  duplicated %d  "
                            + "reordered %d%n",
                    m.published(), m.expected(), m.received(), m.lost(), m.duplicated(), m.reordered());
            if (m.publishFailed() + m.publishSkipped() > 0) {
                out.printf(Locale.ROOT, "  publish failed %d  skipped %d%n", m.publishFailed(), m.publishSkipped());
            }
        }
        new SectionPrinter(out).print(r);
        GeneratorReport g = r.generator();
        out.printf(Locale.ROOT, "generator    cpu %.0f%% (peak %.0f%%)  loop lag max %.1fms  gc %.0fms  %s%n",
                g.cpuPercent(), g.peakCpuPercent(), g.maxEventLoopLagMs(), g.gcPauseMs(),
                g.trustworthy() ? "trustworthy" : "NOT TRUSTWORTHY: " + String.join("; ", g.reasons()));
        for (ThresholdResult t : r.thresholds()) {
            out.printf(Locale.ROOT, "threshold    %-40s actual %-10s %s%n", t.expression(), fmt(t.actual()),
                    t.passed() ? "pass" : "FAIL");
        }
        if (!r.thresholds().isEmpty()) {
            out.println("verdict      " + r.verdict());
        }
        if (resultsDir != null) {
            out.println("results      " + resultsDir);
        }
        out.flush();
    }

    /** The TLS engine and what the handshakes were, full against resumed. */
    private void tls(TlsSection t) {
        StringBuilder versions = new StringBuilder();
        t.versions().forEach((v, n) -> versions.append("  ").append(v).append(' ').append(n));
        out.printf(Locale.ROOT, "tls          %s (%s)  full %d  resumed %d%s%s%n", t.provider(), t.library(), t.full(),
                t.resumed(), versions, t.resume() ? "" : "  (resumption off)");
        if (t.handshake().full().count() > 0) {
            out.println(row("full", t.handshake().full()));
        }
        if (t.handshake().resumed().count() > 0) {
            out.println(row("resumed", t.handshake().resumed()));
        }
    }

    private static String header(String title) {
        return String.format(Locale.ROOT, "%-14s %8s %9s %9s %9s %9s %9s %9s", title, "count", "p50", "p90", "p99",
                "p99.9", "max", "mean");
    }

    private static String row(String name, HistogramSummary h) {
        return String.format(Locale.ROOT, "  %-12s %8d %9s %9s %9s %9s %9s %9s", name, h.count(), fmt(h.p50()),
                fmt(h.p90()), fmt(h.p99()), fmt(h.p999()), fmt(h.max()), fmt(h.mean()));
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.1f" : "%.3f", v);
    }
}
