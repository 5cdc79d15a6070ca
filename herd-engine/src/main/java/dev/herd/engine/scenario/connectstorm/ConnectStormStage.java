package dev.herd.engine.scenario.connectstorm;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionEvents;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.GeneratorHealthProbe;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.scenario.OpenCurveSampler;
import dev.herd.engine.scenario.PhaseFigures;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.StageContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The connect storm: every subscriber connects within {@code within} (open model: arrivals on schedule
 * whether or not earlier ones finished), then the connections are held for {@code hold} to see which stay.
 * Writes the {@code connect_storm} section: each phase's percentiles, the rate achieved against the rate
 * asked, when the last client was open, and the open-connections curve. An optional idle stretch before the
 * storm gives the generator's own baseline.
 */
public record ConnectStormStage(Stage.Connect connect, Duration hold, Duration idleBefore) implements Stage {

    public ConnectStormStage(Stage.Connect connect, Duration hold) {
        this(connect, hold, Duration.ZERO);
    }

    private static final long CURVE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final List<HistogramId> PHASES = List.of(HistogramId.CONNECT_DNS, HistogramId.CONNECT_TCP,
            HistogramId.CONNECT_TLS, HistogramId.CONNECT_UPGRADE, HistogramId.CONNECT_TOTAL);

    @Override
    public String name() {
        return "storm";
    }

    @Override
    public void execute(StageContext ctx) {
        if (!idleBefore.isZero()) {
            // An idle stretch first: the generator's baseline (memory, CPU) before any connection exists.
            ctx.stage("idle");
            ctx.sleep(idleBefore);
            ctx.stage(name());
        }
        List<ClientSession> clients = ctx.subscribersNotStarted();
        AtomicLong lastOpenNanos = new AtomicLong();
        AtomicLong firstAttemptNanos = new AtomicLong(Long.MAX_VALUE);
        ctx.addSessionEvents(new SessionEvents() {
            @Override
            public void onAttempt(ClientSession s, int attempt, long nowNanos) {
                firstAttemptNanos.accumulateAndGet(nowNanos, Math::min);
            }

            @Override
            public void onOpen(ClientSession s, boolean reopened, long nowNanos) {
                if (!reopened) {
                    lastOpenNanos.accumulateAndGet(nowNanos, Math::max);
                }
            }
        });
        Map<HistogramId, Histogram> before = new LinkedHashMap<>();
        PHASES.forEach(id -> before.put(id, ctx.totalNow(id)));
        long failedBefore = ctx.counter(CounterId.CONNECT_FAILURES);
        long cpuBefore = GeneratorHealthProbe.processCpuNanosNow();
        long startNanos = System.nanoTime();
        OpenCurveSampler curve = new OpenCurveSampler(startNanos, CURVE_PERIOD_NANOS, ctx.clients().gauge()::open);

        long established;
        long cpuNanos;
        long openAtHoldStart;
        long openAfterHold;
        StageContext.Ticker sampling = ctx.duringWaits(curve::sampleIfDue);
        try {
            ctx.connect(connect, clients);
            long cpuAfter = GeneratorHealthProbe.processCpuNanosNow();
            cpuNanos = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
            established = clients.stream().filter(ClientSession::everOpened).count();
            ctx.stage("hold");
            openAtHoldStart = ctx.clients().gauge().open();
            ctx.sleep(hold);
            openAfterHold = ctx.clients().gauge().open();
        } finally {
            sampling.close();
        }

        Map<String, PhaseFigures> phases = new LinkedHashMap<>();
        for (HistogramId id : PHASES) {
            PhaseFigures f = PhaseFigures.between(before.get(id), ctx.totalNow(id));
            if (f.count() > 0 || id != HistogramId.CONNECT_TLS) {
                phases.put(id.key(), f);
            }
        }
        double withinSeconds = connect.within().toNanos() / 1e9;
        long last = lastOpenNanos.get();
        long first = firstAttemptNanos.get();
        double spanSeconds = last > 0 && first != Long.MAX_VALUE ? Math.max(1e-3, (last - first) / 1e9) : 0;
        ctx.section("connect_storm", new ConnectStormSection(
                clients.size(),
                connect.within().toMillis(),
                round1(withinSeconds > 0 ? clients.size() / withinSeconds : clients.size()),
                round1(spanSeconds > 0 ? established / spanSeconds : 0),
                established,
                ctx.counter(CounterId.CONNECT_FAILURES) - failedBefore,
                last > 0 ? round1((last - startNanos) / 1e6) : null,
                hold.toMillis(),
                openAtHoldStart,
                openAfterHold,
                phases,
                curve.points(),
                cpuNanos < 0 ? -1 : cpuNanos / 1_000_000,
                cpuNanos < 0 || established == 0 ? 0 : round1(cpuNanos / 1e3 / established)));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
