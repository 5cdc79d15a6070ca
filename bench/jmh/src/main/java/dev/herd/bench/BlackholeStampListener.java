package dev.herd.bench;

import dev.herd.engine.stamp.StampListener;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A stamp listener that hands every field to JMH's blackhole, so the JIT cannot drop the parsing that produced it.
 *
 * <pre>{@code
 * listener.blackhole = blackhole;   // in each @Benchmark method
 * StampScanner.scan(frame, listener);
 * }</pre>
 */
public final class BlackholeStampListener implements StampListener {

    public Blackhole blackhole;

    @Override
    public void onStamp(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
        // One consume of a value depending on every field is enough to keep them all, and cheaper than five.
        blackhole.consume(runId ^ topicIndex ^ seq ^ intendedNanos ^ sentNanos);
    }

    @Override
    public void onMalformed() {
        blackhole.consume(-1L);
    }
}
