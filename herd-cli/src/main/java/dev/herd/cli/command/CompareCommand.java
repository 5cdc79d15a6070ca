package dev.herd.cli.command;

import dev.herd.cli.ExitCode;
import dev.herd.cli.RunFailedException;
import dev.herd.cli.UsageException;
import dev.herd.cli.console.ComparisonPrinter;
import dev.herd.report.compare.CompareHtmlWriter;
import dev.herd.report.compare.FigureDelta;
import dev.herd.report.compare.SummaryComparison;
import dev.herd.report.html.RunFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herd compare BASE NEW}: two results directories side by side. Writes a page with every key figure's
 * change (red worse, green better), prints the same as a table, and with {@code --fail-on-regression PCT}
 * exits 1 when a key latency grew by more than PCT percent, for CI.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare two runs: every key figure's change, regressions red, improvements green.",
                "Writes NEW/compare.html (or --out) and prints a table.",
                "Example: herd compare results/base results/new --fail-on-regression 10"},
        footer = {"", "Key latencies for --fail-on-regression: latency p50, p95, p99, p99.9; service_time p99;"
                + " connect.total p99.", "Exit codes: 0 no regression, 1 a key latency regressed, 2 bad input."})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE", description = "The results directory to compare against.")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW", description = "The results directory of the new run.")
    Path next;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the page (default: NEW/compare.html).")
    Path out;

    @Option(names = "--fail-on-regression", paramLabel = "PCT",
            description = "Exit 1 when a key latency grew by more than PCT percent (e.g. 10 or 10%%).")
    String failOnRegression;

    @Override
    public Integer call() {
        Double pct = failOnRegression == null ? null : percent(failOnRegression);
        RunFiles baseRun = ReportCommand.read(base);
        RunFiles newRun = ReportCommand.read(next);
        Path page = out != null ? out : next.resolve("compare.html");
        try {
            new CompareHtmlWriter().write(baseRun, newRun, page, pct);
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + page + ": " + e.getMessage(), e);
        }
        SummaryComparison comparison = SummaryComparison.of(baseRun.summary(), newRun.summary());
        PrintWriter console = spec.commandLine().getOut();
        new ComparisonPrinter(console).print(comparison);
        console.println("compare: " + page);
        int code = ExitCode.PASSED.code();
        if (pct != null) {
            List<FigureDelta> regressions = comparison.regressions(pct);
            if (regressions.isEmpty()) {
                console.printf(Locale.ROOT, "no key latency grew by more than %s%%%n", trim(pct));
            } else {
                for (FigureDelta f : regressions) {
                    console.printf(Locale.ROOT, "REGRESSION %s: %.3f ms -> %.3f ms (%+.1f%%, limit %s%%)%n", f.label(),
                            f.base(), f.next(), f.deltaPercent(), trim(pct));
                }
                code = ExitCode.THRESHOLD_FAILED.code();
            }
        }
        console.flush();
        return code;
    }

    static double percent(String text) {
        String t = text.trim();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).trim();
        }
        try {
            double v = Double.parseDouble(t);
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--fail-on-regression: '" + text + "' is not a percentage (e.g. 10 or 10%)");
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
