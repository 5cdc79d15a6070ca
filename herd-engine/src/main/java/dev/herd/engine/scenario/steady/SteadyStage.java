package dev.herd.engine.scenario.steady;

import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.result.RawJson;
import dev.herd.engine.scenario.PhaseFigures;
import dev.herd.engine.scenario.PublishingStage;
import dev.herd.engine.scenario.ReferenceTarget;
import dev.herd.engine.scenario.StageContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The steady soak: clients stay connected for {@code duration} while a low rate of messages flows; every
 * {@code window} (a minute by default) it notes the latency percentiles, the connections the target
 * dropped and the reconnects, so a slow leak or a periodic hiccup shows as a trend. When the target is
 * herd's reference target its own /stats are kept too. Writes the {@code steady} section.
 */
public record SteadyStage(double ratePerSecond, Duration duration, Duration window, Duration drain)
        implements PublishingStage {

    @Override
    public String name() {
        return "steady";
    }

    @Override
    public void execute(StageContext ctx) {
        ReferenceTarget reference = ReferenceTarget.of(ctx.scenario().url(), ctx.scenario().client());
        StageContext.Publishing publishing = ctx.startPublishing(ratePerSecond, duration);
        List<SteadyWindow> windows = new ArrayList<>();
        long windowNanos = Math.max(1, window.toNanos());
        Histogram before = ctx.totalNow(HistogramId.LATENCY);
        long dropsBefore = drops(ctx);
        long reconnectsBefore = ctx.counter(CounterId.RECONNECTS);
        long receivedBefore = ctx.counter(CounterId.RECEIVED_STAMPS);
        long windowStart = publishing.startNanos();
        int index = 0;
        while (!ctx.aborted() && windowStart < publishing.endNanos()) {
            long windowEnd = Math.min(windowStart + windowNanos, publishing.endNanos());
            ctx.sleepUntil(windowEnd);
            Histogram after = ctx.totalNow(HistogramId.LATENCY);
            long drops = drops(ctx);
            long reconnects = ctx.counter(CounterId.RECONNECTS);
            long received = ctx.counter(CounterId.RECEIVED_STAMPS);
            windows.add(new SteadyWindow(index++, (windowStart - publishing.startNanos()) / 1_000_000,
                    (windowEnd - windowStart) / 1_000_000, PhaseFigures.between(before, after),
                    received - receivedBefore, drops - dropsBefore, reconnects - reconnectsBefore,
                    ctx.clients().gauge().open()));
            before = after;
            dropsBefore = drops;
            reconnectsBefore = reconnects;
            receivedBefore = received;
            windowStart = windowEnd;
        }
        publishing.awaitEnd();
        ctx.stage("drain");
        ctx.drain(drain);
        RawJson targetStats = reference.statsJson(ctx::waitUntil).map(RawJson::new).orElse(null);
        ctx.section("steady", SteadySection.of(window.toMillis(), windows, targetStats));
    }

    private static long drops(StageContext ctx) {
        return ctx.counter(CounterId.CLOSED_BY_SERVER) + ctx.counter(CounterId.CLOSED_BY_ERROR);
    }
}
