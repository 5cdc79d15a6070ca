package dev.herd.engine.threshold;

import dev.herd.engine.metrics.IntervalListener;
import dev.herd.engine.metrics.IntervalSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Watches the thresholds marked {@code abort_on_fail} once a second and ends the run as soon as one is lost
 * for good ({@link ThresholdEvaluator#lostForGood}); the run still writes its results, and the final
 * evaluation reports the threshold as failed.
 *
 * <pre>{@code
 * AbortOnFailWatch watch = new AbortOnFailWatch(expressions, run::abort);
 * listeners.add(watch);
 * }</pre>
 */
public final class AbortOnFailWatch implements IntervalListener {

    private final List<ThresholdExpression> watched;
    private final Runnable abort;
    private final LiveFigures live = new LiveFigures();
    private volatile ThresholdExpression trigger;

    public AbortOnFailWatch(List<ThresholdExpression> expressions, Runnable abort) {
        this.watched = expressions.stream().filter(ThresholdExpression::abortOnFail).toList();
        this.abort = abort;
    }

    @Override
    public void onInterval(IntervalSnapshot snapshot) {
        if (watched.isEmpty() || trigger != null) {
            return;
        }
        live.add(snapshot);
        Duration elapsed = Duration.ofMillis((long) (live.elapsedSeconds() * 1000));
        Optional<ThresholdExpression> lost = ThresholdEvaluator.firstLostForGood(watched, live, elapsed);
        if (lost.isPresent()) {
            trigger = lost.get();
            abort.run();
        }
    }

    /** The threshold that ended the run, if one did. */
    public Optional<ThresholdExpression> trigger() {
        return Optional.ofNullable(trigger);
    }
}
