package dev.herd.engine.metrics;

/**
 * Receives each interval on the reporter thread, in order; must not block for long (it delays sampling).
 * Interval log writers, the time series, the console line and live exporters implement it.
 */
public interface IntervalListener {

    void onInterval(IntervalSnapshot snapshot);

    /** After the last interval of the run. */
    default void onFinish() {
    }
}
