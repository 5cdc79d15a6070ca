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

    /** What the console prints each second. */
    public enum Output { HUMAN, JSONL }

    @Option(names = "--output", paramLabel = "human|jsonl", defaultValue = "human",
            description = "human: one status line per second; jsonl: one JSON object per second on stdout (the "
                    + "human text goes to stderr) (default: ${DEFAULT-VALUE}).")
    public Output output;

    @Option(names = "--prometheus-port", paramLabel = "PORT",
            description = "Serve the running figures for Prometheus at http://BIND:PORT/metrics while the run goes on.")
    public Integer prometheusPort;

    @Option(names = "--prometheus-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the Prometheus endpoint listens on (default: ${DEFAULT-VALUE}).")
    public String prometheusBind;

    @Option(names = "--threshold", paramLabel = "EXPRESSION", converter = ThresholdConverter.class,
            description = "Pass/fail criterion over a summary.json figure, e.g. 'latency.p99 < 50ms' or "
                    + "'connections.failed_rate < 0.1%%' (repeatable; exit 1 when one fails; see docs/thresholds.md).")
    public List<ThresholdExpression> thresholds = new ArrayList<>();

    @Option(names = "--abort-on-fail", description = "Stop the run as soon as a threshold is lost for good "
            + "(results are still written).")
    public boolean abortOnFail;

    /** The thresholds, with abort-on-fail applied when asked. */
    public List<ThresholdExpression> thresholds() {
        return abortOnFail ? thresholds.stream().map(t -> t.withAbortOnFail(true)).toList() : List.copyOf(thresholds);
    }
}
