package dev.herd.cli.run;

import dev.herd.cli.UsageException;
import dev.herd.engine.scenario.BoundedWait;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.reconnectstorm.Disruption;
import dev.herd.engine.scenario.reconnectstorm.DisruptionUnavailableException;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormStage;

/**
 * Checks before a run that a scenario asking for a target restart points at herd's reference target, so asking it of
 * another server is a one-line usage error (exit 2) that says what to use instead, not a failed run.
 */
public final class ReferenceTargetCheck {

    private ReferenceTargetCheck() {
    }

    public static void check(Scenario scenario) {
        for (Stage stage : scenario.stages()) {
            if (stage instanceof ReconnectStormStage storm && storm.disruption() instanceof Disruption.TargetRestart) {
                try {
                    Disruption.requireReferenceTarget(scenario.url(), scenario.client(), BoundedWait.polling());
                } catch (DisruptionUnavailableException e) {
                    throw new UsageException(e.getMessage());
                }
                return;
            }
        }
    }
}
