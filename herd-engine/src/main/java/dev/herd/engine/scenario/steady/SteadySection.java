package dev.herd.engine.scenario.steady;

import dev.herd.engine.result.RawJson;
import java.util.List;

/**
 * summary.json's {@code steady} section.
 *
 * @param windowMs the window length
 * @param windows one entry per window: latency, deliveries, drops, reconnects, open connections
 * @param dropsTotal connections dropped over the run
 * @param p99MinMs the best window's latency p99
 * @param p99MaxMs the worst window's latency p99
 * @param p99Stability worst over best window p99 (1 = perfectly flat; 0 when no window had messages)
 * @param targetStats the reference target's own /stats at the end (null for other targets)
 */
public record SteadySection(long windowMs, List<SteadyWindow> windows, long dropsTotal, double p99MinMs,
                            double p99MaxMs, double p99Stability, RawJson targetStats) {

    static SteadySection of(long windowMs, List<SteadyWindow> windows, RawJson targetStats) {
        long drops = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (SteadyWindow w : windows) {
            drops += w.drops();
            if (w.latency().count() > 0) {
                min = Math.min(min, w.latency().p99());
                max = Math.max(max, w.latency().p99());
            }
        }
        boolean any = max > 0;
        double stability = any && min > 0 ? Math.round(max / min * 100) / 100.0 : 0;
        return new SteadySection(windowMs, windows, drops, any ? min : 0, max, stability, targetStats);
    }
}
