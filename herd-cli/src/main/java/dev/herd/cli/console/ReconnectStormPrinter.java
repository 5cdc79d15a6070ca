package dev.herd.cli.console;

import dev.herd.engine.scenario.reconnectstorm.CountDistribution;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormComparison;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormSection;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormTls;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The reconnect storm's lines under the summary table, and the side-by-side table of {@code --compare-policies}.
 *
 * <pre>{@code
 * new ReconnectStormPrinter(out).print(section);
 * new ReconnectStormPrinter(out).printComparison(comparison, dir);
 * }</pre>
 */
public final class ReconnectStormPrinter {

    private final PrintWriter out;

    public ReconnectStormPrinter(PrintWriter out) {
        this.out = out;
    }

    /** A few lines: the disruption, recovery, the attempts, and the messages across the outage. */
    public void print(ReconnectStormSection s) {
        out.printf(Locale.ROOT, "storm        %s: %s%s%n", s.disruption().kind(), s.disruption().detail(),
                s.disruption().error() == null ? "" : "  [" + s.disruption().error() + "]");
        out.printf(Locale.ROOT, "  recovery   lost %d of %d open  back 50%% %s  95%% %s  100%% %s  not recovered %d%s%n",
                s.lost(), s.openBefore(), ms(s.recovered_50Ms()), ms(s.recovered_95Ms()), ms(s.recovered_100Ms()),
                s.notRecovered(), s.timedOut() ? "  (observation timed out)" : "");
        CountDistribution a = s.attemptsPerClient();
        out.printf(Locale.ROOT, "  attempts   %d  peak %d/s  per client p50 %d  p99 %d  max %d  (%s)%n", s.attempts(),
                s.peakAttemptsPerSecond(), a.p50(), a.p99(), a.max(), s.policy());
        out.printf(Locale.ROOT, "  messages   published during outage %d (not published %d)  lost %d  "
                        + "got back %d of %d published while away%n", s.publishedDuringOutage(),
                s.unpublishedDuringOutage(), s.messagesLost(), s.messagesGotBack(), s.messagesWhileAway());
        if (s.tls() != null) {
            ReconnectStormTls t = s.tls();
            out.printf(Locale.ROOT, "  tls        resumed %d (p50 %s ms, p99 %s ms)  full %d (p50 %s ms, p99 %s ms)%s%n",
                    t.resumed(), fmt(t.handshakeResumed().p50()), fmt(t.handshakeResumed().p99()), t.full(),
                    fmt(t.handshakeFull().p50()), fmt(t.handshakeFull().p99()),
                    t.resume() ? "" : "  (resumption off)");
        }
        if (s.cpuMs() >= 0) {
            out.printf(Locale.ROOT, "  cpu        %d ms of herd's CPU until every client was back%n", s.cpuMs());
        }
        out.flush();
    }

    /** Both storms side by side, then the ratio of their peaks and where the results are. */
    public void printComparison(ReconnectStormComparison c, Path dir) {
        out.println();
        out.println("== reconnect storm: immediate vs exponential (same seed, same clients)");
        out.printf(Locale.ROOT, "policies     immediate | %s%n", c.exponential().policy());
        out.printf(Locale.ROOT, "%-28s %16s %16s%n", "", "immediate", "exponential");
        List<Row> rows = List.of(
                new Row("clients lost", s -> Long.toString(s.lost())),
                new Row("back 50% (ms)", s -> number(s.recovered_50Ms())),
                new Row("back 95% (ms)", s -> number(s.recovered_95Ms())),
                new Row("back 100% (ms)", s -> number(s.recovered_100Ms())),
                new Row("not recovered", s -> Long.toString(s.notRecovered())),
                new Row("reconnect attempts", s -> Long.toString(s.attempts())),
                new Row("peak attempts/s", s -> Long.toString(s.peakAttemptsPerSecond())),
                new Row("attempts per client p50", s -> Long.toString(s.attemptsPerClient().p50())),
                new Row("attempts per client p99", s -> Long.toString(s.attemptsPerClient().p99())),
                new Row("attempts per client max", s -> Long.toString(s.attemptsPerClient().max())),
                new Row("messages lost", s -> Long.toString(s.messagesLost())));
        for (Row row : rows) {
            out.printf(Locale.ROOT, "  %-26s %16s %16s%n", row.label, row.value.apply(c.immediate()),
                    row.value.apply(c.exponential()));
        }
        out.printf(Locale.ROOT, "  %-26s %16s%n", "peak attempts/s ratio",
                c.peakAttemptsRatio() == null ? "-" : String.format(Locale.ROOT, "%.1fx", c.peakAttemptsRatio()));
        if (dir != null) {
            out.println("results      " + dir);
        }
        out.flush();
    }

    private record Row(String label, Function<ReconnectStormSection, String> value) {
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.2f", ms);
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String ms(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.0fms", value);
    }
}
