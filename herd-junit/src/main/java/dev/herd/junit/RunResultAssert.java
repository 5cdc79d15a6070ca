package dev.herd.junit;

import dev.herd.engine.result.RunResult;
import dev.herd.engine.result.ThresholdResult;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent assertions over one {@link RunResult}; each failure names the figure, what was asked and what the run had.
 * Start them with {@link HerdAssertions#assertThat(RunResult)}.
 */
public final class RunResultAssert {

    private final RunResult result;

    RunResultAssert(RunResult result) {
        if (result == null) {
            throw new AssertionFailedError("expected a run's result, but it was null");
        }
        this.result = result;
    }

    /** Every threshold held (or there were none). */
    public RunResultAssert passed() {
        if (!result.passed()) {
            fail("every threshold to hold, but " + result.failedThresholds().stream()
                    .map(RunResultAssert::shown).collect(Collectors.joining("; ")) + " failed");
        }
        return this;
    }

    /** No expected delivery was lost. */
    public RunResultAssert lostNothing() {
        long lost = result.messages().lost();
        if (lost != 0) {
            fail("no message lost, but " + lost + " of " + result.messages().expected() + " expected deliveries were ("
                    + result.messages().subscribersWithLoss() + " subscribers lost some)");
        }
        return this;
    }

    /** Every expected delivery arrived, and at least one was expected. */
    public RunResultAssert receivedEverything() {
        long expected = result.messages().expected();
        long received = result.messages().received();
        if (expected == 0 || received != expected) {
            fail("every expected delivery to arrive, but " + received + " of " + expected + " did");
        }
        return this;
    }

    /** Exactly {@code deliveries} distinct deliveries arrived. */
    public RunResultAssert received(long deliveries) {
        if (result.messages().received() != deliveries) {
            fail(deliveries + " deliveries, but " + result.messages().received() + " arrived");
        }
        return this;
    }

    /** Latency (from the intended send time) p99 below {@code bound}; a run that measured none fails. */
    public RunResultAssert latencyP99Below(Duration bound) {
        if (result.latency().count() == 0) {
            fail("latency p99 below " + ms(bound) + ", but no latency was measured");
        }
        if (result.latency().p99() >= bound.toNanos() / 1e6) {
            fail("latency p99 below " + ms(bound) + ", but it was " + String.format(Locale.ROOT, "%.3f ms",
                    result.latency().p99()));
        }
        return this;
    }

    /** Every connection attempt reached open. */
    public RunResultAssert noFailedConnections() {
        if (result.connections().failed() != 0) {
            fail("no failed connection, but " + result.connections().failed() + " attempts failed: "
                    + result.connections().failedByReason());
        }
        return this;
    }

    /** {@code established} connections reached open. */
    public RunResultAssert established(long connections) {
        if (result.connections().established() != connections) {
            fail(connections + " connections established, but " + result.connections().established() + " were");
        }
        return this;
    }

    /** The generator trusted its own figures (it was not the bottleneck). */
    public RunResultAssert trustworthy() {
        if (!result.generator().trustworthy()) {
            fail("a trustworthy run, but herd said: " + String.join("; ", result.generator().reasons()));
        }
        return this;
    }

    /**
     * Goes on only when the generator trusted its own figures; otherwise ends the test as aborted (JUnit's
     * assumptions: reported as skipped, not failed), with herd's reasons. Put it before assertions on latency: on a
     * saturated CI runner herd measures its own lateness, not the service's, and says so, while counts (lost,
     * received, established) hold on any machine and belong before it.
     */
    public RunResultAssert assumingTrustworthy() {
        Assumptions.assumeTrue(result.generator().trustworthy(), () -> "latency not judged: herd was the bottleneck ("
                + String.join("; ", result.generator().reasons()) + ")");
        return this;
    }

    /** The result under assertion, for checks of one's own. */
    public RunResult actual() {
        return result;
    }

    private void fail(String expectation) {
        throw new AssertionFailedError("expected " + expectation + " (" + result.scenario() + " run "
                + result.runId() + ")");
    }

    private static String shown(ThresholdResult t) {
        return t.expression() + " (actual " + t.actual() + ")";
    }

    private static String ms(Duration d) {
        return d.toNanos() / 1e6 + " ms";
    }
}
