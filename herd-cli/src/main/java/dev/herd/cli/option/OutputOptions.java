package dev.herd.cli.option;

import dev.herd.cli.convert.ThresholdConverter;
import dev.herd.engine.threshold.ThresholdExpression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where results go and how much the console says. */
public final class OutputOptions {

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results directory (default: results/<scenario>-<yyyyMMdd-HHmmss>).")
    public Path out;

    @Option(names = {"-q", "--quiet"}, description = "No per-second status lines; only the summary.")
    public boolean quiet;

    @Option(names = "--threshold", paramLabel = "EXPRESSION", converter = ThresholdConverter.class,
            description = "Pass/fail criterion over a summary.json figure, e.g. 'latency.p99 < 50ms' or "
                    + "'connections.failed_rate < 0.1%' (repeatable; exit 1 when one fails; see docs/thresholds.md).")
    public List<ThresholdExpression> thresholds = new ArrayList<>();

    @Option(names = "--abort-on-fail", description = "Stop the run as soon as a threshold is lost for good "
            + "(results are still written).")
    public boolean abortOnFail;

    /** The thresholds, with abort-on-fail applied when asked. */
    public List<ThresholdExpression> thresholds() {
        return abortOnFail ? thresholds.stream().map(t -> t.withAbortOnFail(true)).toList() : List.copyOf(thresholds);
    }
}
