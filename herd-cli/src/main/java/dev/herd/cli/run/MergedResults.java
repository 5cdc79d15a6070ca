package dev.herd.cli.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herd.cli.ExitCode;
import dev.herd.cli.RunFailedException;
import dev.herd.cli.console.MergedSummaryPrinter;
import dev.herd.engine.threshold.ThresholdEvaluator;
import dev.herd.engine.threshold.ThresholdExpression;
import dev.herd.engine.threshold.ThresholdVerdict;
import dev.herd.report.html.HtmlReportWriter;
import dev.herd.report.junit.JUnitXmlWriter;
import dev.herd.report.merge.MergedRun;
import dev.herd.report.summary.SummaryFigures;
import dev.herd.report.summary.SummaryJsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Finishes a merged run as a single run is finished: thresholds checked on the merged figures, then summary.json,
 * timeseries.json, intervals.hlog, junit.xml and report.html written, and the summary block printed.
 */
public final class MergedResults {

    private MergedResults() {
    }

    /** Writes {@code run} into {@code dir}; returns 0 when every threshold passed, 1 otherwise. */
    public static int write(MergedRun run, List<ThresholdExpression> thresholds, Path dir, PrintWriter out) {
        ObjectNode summary = run.summary().deepCopy();
        ThresholdVerdict verdict = ThresholdEvaluator.evaluate(thresholds, new SummaryFigures(summary));
        summary.set("thresholds", SummaryJsonWriter.MAPPER.valueToTree(verdict.results()));
        summary.put("verdict", verdict.verdict());
        Path page;
        try {
            run.write(dir, summary);
            new JUnitXmlWriter().write(summary.path("scenario").asText(), summary.path("duration_ms").asLong() / 1000.0,
                    verdict, summary.path("interrupted").asBoolean(), dir.resolve("junit.xml"));
            page = new HtmlReportWriter().write(dir);
        } catch (IOException e) {
            throw new RunFailedException("cannot write results to " + dir + ": " + e.getMessage(), e);
        }
        new MergedSummaryPrinter(out).print(summary, dir, page);
        return verdict.passed() ? ExitCode.PASSED.code() : ExitCode.THRESHOLD_FAILED.code();
    }
}
