package dev.herd.engine.scenario;

import dev.herd.engine.client.ClientContext;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionEvents;
import dev.herd.engine.clock.RunClock;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.metrics.RunMetrics;
import dev.herd.engine.publish.TopicLedger;
import dev.herd.engine.receive.StampReceiver;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * What a {@link Stage} can do with the running scenario: its clients, publishing, waiting (always bounded
 * and abort-aware), the figures so far, and the summary sections it contributes. Control thread only.
 */
public interface StageContext {

    Scenario scenario();

    RunClock clock();

    long runId();

    RunMetrics metrics();

    ClientContext clients();

    /** Subscribers created so far, by index. */
    List<ClientSession> subscribers();

    /** The receive side of subscriber {@code index}. */
    StampReceiver receiver(int index);

    /** Subscribers created but never started. */
    List<ClientSession> subscribersNotStarted();

    /** Creates {@code count} more subscribers (not started); they expect only messages published from now on. */
    List<ClientSession> addSubscribers(int count);

    TopicLedger ledger(int topicIndex);

    /** Opens the publishers (the first time) and starts {@code sessions} on the stage's ramp; waits until each opened or gave up. */
    void connect(Stage.Connect connect, List<ClientSession> sessions);

    /** Runs a publish stage to its end, then drains. */
    void publish(Stage.Publish publish);

    /**
     * Starts publishing at {@code ratePerSecond} for {@code duration} in the background (on the loops) and
     * returns at once, so the stage can disrupt, stall or watch while messages flow.
     */
    Publishing startPublishing(double ratePerSecond, Duration duration);

    /** Waits up to {@code max} until every started subscriber got every accepted message (or the time is up). */
    void drain(Duration max);

    /** A publish schedule running in the background. */
    interface Publishing {
        /** {@link System#nanoTime()} of the schedule's first slot. */
        long startNanos();

        /** {@link System#nanoTime()} at which the schedule ends. */
        long endNanos();

        /** Waits until the schedule ended and every topic's publisher finished (bounded, abort-aware). */
        void awaitEnd();

        /** Ends the schedule early. */
        void stop();
    }

    /** Names what is happening now, for the console and the time series. */
    void stage(String name);

    /** How many connections the scenario wants open now (the console's "open n/target"). */
    void targetConnections(long count);

    boolean aborted();

    /** Waits until the condition holds, the deadline ({@link System#nanoTime()}) passes, or the run is aborted. */
    boolean waitUntil(long deadlineNanos, BooleanSupplier condition);

    /**
     * Sleeps until the deadline ({@link System#nanoTime()}) or an abort, running the {@link #duringWaits} ticks on the
     * way (about every 50 ms: a long hold wakes the control thread rarely).
     */
    void sleepUntil(long deadlineNanos);

    /**
     * Runs {@code tick} on every turn of every wait (about every 10 ms; every 50 ms in a {@link #sleepUntil}) until the
     * returned handle is closed: for sampling finer than the once-a-second time series while a stage waits.
     */
    Ticker duringWaits(Runnable tick);

    /** Stops a {@link #duringWaits} tick. */
    interface Ticker extends AutoCloseable {
        @Override
        void close();
    }

    /** Sleeps for {@code duration} unless the run is aborted. */
    void sleep(Duration duration);

    /** The run's total of a histogram up to now (microseconds); subtract two of them for a window. */
    Histogram totalNow(HistogramId id);

    /** A counter's value now, summed over loops. */
    long counter(CounterId id);

    /** Follows session lifecycles (opens, losses, attempts) from now on; called on the loops. */
    void addSessionEvents(SessionEvents events);

    /** Adds a scenario section to summary.json (a record or map; keys become snake_case). */
    void section(String key, Object value);

    /** Runs {@code hook} after the run closed and every subscriber was accounted for, before the result is built. */
    void afterAccounting(Consumer<Accounting> hook);

    /** Per-subscriber figures after the run, for scenario sections. */
    interface Accounting {
        int subscribers();

        boolean everOpened(int index);

        int topic(int index);

        /** Expected deliveries never received by subscriber {@code index} (-1 if it never opened). */
        long lost(int index);

        /** Distinct deliveries received by subscriber {@code index}. */
        long received(int index);

        /** Sequence numbers of its topic in {@code [from, to)} that subscriber {@code index} never received. */
        long missingBetween(int index, long from, long to);

        /** Messages of {@code topic} written by the publisher so far (sequence numbers 0 to sent − 1). */
        long sent(int topic);

        /** How many of {@code topic}'s sequence numbers in {@code [from, to)} the target did not accept. */
        long failedBetween(int topic, long from, long to);

        /** Adds a scenario section to summary.json. */
        void section(String key, Object value);
    }
}
