package dev.herd.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.result.RunResult;

/**
 * What a test of herd's accuracy asks of a run: its figures within bounds, or, when the machine was so busy that herd
 * could not keep time, herd saying so. A quiet machine (CI) checks the bounds; a busy one checks the verdict.
 *
 * <pre>{@code
 * Accuracy.orVerdict(result, () -> assertThat(result.latency().p99()).isLessThan(60.0));
 * }</pre>
 */
public final class Accuracy {

    private Accuracy() {
    }

    /** Runs {@code bounds} when the generator trusted its own figures; otherwise checks that it said why not. */
    public static void orVerdict(RunResult result, Runnable bounds) {
        if (result.generator().trustworthy()) {
            bounds.run();
        } else {
            assertThat(result.generator().reasons()).as("a run herd does not trust says why").isNotEmpty();
        }
    }
}
