package dev.herd.junit;

import dev.herd.engine.result.RunResult;

/**
 * Assertions over a run's result that read as the test means them.
 *
 * <pre>{@code
 * HerdAssertions.assertThat(result).passed().lostNothing().receivedEverything()
 *         .latencyP99Below(Duration.ofMillis(50)).noFailedConnections();
 * }</pre>
 */
public final class HerdAssertions {

    private HerdAssertions() {
    }

    /** Starts the assertions on {@code result}. */
    public static RunResultAssert assertThat(RunResult result) {
        return new RunResultAssert(result);
    }
}
