package dev.herd.engine.testing;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For test classes that assert latency bounds end to end: lowers Netty's leak detector from
 * {@code paranoid} (a stack trace recorded on every buffer access, which adds tens to hundreds of
 * milliseconds to the very latencies being calibrated) to {@code simple} (sampled) while the class runs.
 * Leaks are still detected, by sampling; the unit tests of codecs and handlers stay at {@code paranoid}.
 */
public final class TimingSensitive implements BeforeAllCallback, AfterAllCallback {

    private ResourceLeakDetector.Level previous;

    @Override
    public void beforeAll(ExtensionContext context) {
        previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (previous != null) {
            ResourceLeakDetector.setLevel(previous);
        }
    }
}
