package dev.herd.engine.scenario.reconnectstorm;

/**
 * summary.json's {@code reconnect_storm_comparison}: the same storm (same seed, same clients) run once with clients
 * that reconnect at once and once with clients that back off exponentially with full jitter.
 *
 * <pre>{@code
 * ReconnectStormComparison c = ReconnectStormComparison.of(immediateSection, exponentialSection);
 * c.peakAttemptsRatio();   // e.g. 14.2: immediate reconnects peaked 14 times higher
 * }</pre>
 *
 * @param immediate the storm's section with {@code immediate}
 * @param exponential the storm's section with {@code exponential}
 * @param peakAttemptsRatio immediate's peak attempts per second over exponential's (null when exponential's is 0)
 */
public record ReconnectStormComparison(ReconnectStormSection immediate, ReconnectStormSection exponential,
                                       Double peakAttemptsRatio) {

    public static ReconnectStormComparison of(ReconnectStormSection immediate, ReconnectStormSection exponential) {
        Double ratio = exponential.peakAttemptsPerSecond() == 0 ? null
                : Math.round(100.0 * immediate.peakAttemptsPerSecond() / exponential.peakAttemptsPerSecond()) / 100.0;
        return new ReconnectStormComparison(immediate, exponential, ratio);
    }
}
