package dev.herd.api;

import dev.herd.engine.metrics.IntervalListener;
import dev.herd.engine.result.ResultFigures;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.run.Run;
import dev.herd.engine.run.WorkerRole;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.threshold.AbortOnFailWatch;
import dev.herd.engine.threshold.ThresholdEvaluator;
import dev.herd.engine.threshold.ThresholdExpression;
import dev.herd.engine.threshold.ThresholdVerdict;
import java.util.ArrayList;
import java.util.List;

/** One run of a built scenario from Java: the run, then its thresholds checked against the typed result. */
final class ScenarioRun {

    private final Scenario scenario;
    private final List<ThresholdExpression> thresholds;
    private final WorkerRole role;
    private final Long runId;
    private final List<IntervalListener> listeners;

    ScenarioRun(Scenario scenario, List<ThresholdExpression> thresholds, WorkerRole role, Long runId,
                List<IntervalListener> listeners) {
        this.scenario = scenario;
        this.thresholds = thresholds;
        this.role = role;
        this.runId = runId;
        this.listeners = listeners;
    }

    RunResult execute() {
        List<IntervalListener> all = new ArrayList<>(listeners);
        Run[] run = new Run[1];
        // A threshold with abort_on_fail ends the run once it is lost for good, as on the command line.
        all.add(new AbortOnFailWatch(thresholds, () -> run[0].abort()));
        run[0] = new Run(scenario, all).role(role);
        if (runId != null) {
            run[0].runId(runId);
        }
        return judge(run[0].execute(), thresholds);
    }

    /** {@code result} with {@code thresholds} checked against its own figures and the verdict set. */
    static RunResult judge(RunResult result, List<ThresholdExpression> thresholds) {
        ThresholdVerdict verdict = ThresholdEvaluator.evaluate(thresholds, ResultFigures.of(result));
        return result.withThresholds(verdict.results(), verdict.verdict());
    }
}
