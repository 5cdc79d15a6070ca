package dev.herd.engine.threshold;

import dev.herd.engine.result.ThresholdResult;
import java.util.List;

/**
 * The outcome of every threshold of a run, and the run's verdict: {@code pass} when all held (or there were none),
 * {@code fail} otherwise.
 *
 * <pre>{@code
 * ThresholdVerdict verdict = ThresholdEvaluator.evaluate(expressions, figures);
 * result = result.withThresholds(verdict.results(), verdict.verdict());
 * return verdict.passed() ? ExitCode.OK : ExitCode.THRESHOLD_FAILED;
 * }</pre>
 *
 * @param outcomes one per threshold, in the order they were given
 */
public record ThresholdVerdict(List<ThresholdOutcome> outcomes) {

    /** summary.json's {@code verdict} when every threshold held. */
    public static final String PASS = "pass";
    /** summary.json's {@code verdict} when at least one failed. */
    public static final String FAIL = "fail";

    public ThresholdVerdict {
        outcomes = List.copyOf(outcomes);
    }

    /** Whether every threshold held; true when there were none. */
    public boolean passed() {
        return outcomes.stream().allMatch(ThresholdOutcome::passed);
    }

    /** {@link #PASS} or {@link #FAIL}, as summary.json's {@code verdict} says it. */
    public String verdict() {
        return passed() ? PASS : FAIL;
    }

    /** The outcomes in the form summary.json and junit.xml carry. */
    public List<ThresholdResult> results() {
        return outcomes.stream().map(ThresholdOutcome::toResult).toList();
    }

    /** The thresholds that failed, in order. */
    public List<ThresholdOutcome> failures() {
        return outcomes.stream().filter(o -> !o.passed()).toList();
    }
}
