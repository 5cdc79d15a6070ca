package dev.herd.engine.scenario.reconnectstorm;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.GeneratorHealthProbe;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.scenario.PhaseFigures;
import org.HdrHistogram.Histogram;
import dev.herd.engine.publish.TopicLedger;
import dev.herd.engine.scenario.OpenCurveSampler;
import dev.herd.engine.scenario.PublishingStage;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.StageContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The reconnect storm: every subscriber connects, messages flow (before, during and after), then at t0 the
 * connections are disrupted and the stage watches the clients come back by their reconnect policy, until every lost
 * client is open again or {@code observe} passes; publishing runs on for {@code runOn}, stops, and the deliveries are
 * drained. Writes the {@code reconnect_storm} section ({@link ReconnectStormSection}) after the run is accounted.
 *
 * <pre>{@code
 * Stage storm = new ReconnectStormStage(new Stage.Connect(Duration.ofSeconds(2), false, 0), 50,
 *         new Disruption.TargetRestart(Duration.ofSeconds(2)), Duration.ofSeconds(2), Duration.ofSeconds(30),
 *         Duration.ofSeconds(1), Duration.ofSeconds(3));
 * }</pre>
 *
 * @param connect how the subscribers connect first
 * @param ratePerSecond messages published per second, all topics together
 * @param disruption what happens at t0
 * @param settle messages flow this long before t0
 * @param observe the most to wait, after the disruption was carried out, for every lost client to be back
 * @param runOn publishing goes on this long after the observation
 * @param drain then the last deliveries are waited for this long at most
 */
public record ReconnectStormStage(Stage.Connect connect, double ratePerSecond, Disruption disruption, Duration settle,
                                  Duration observe, Duration runOn, Duration drain) implements PublishingStage {

    private static final long CURVE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Publishing is scheduled past every phase's longest time; the stage stops it early. */
    private static final Duration PUBLISH_SLACK = Duration.ofSeconds(10);

    public ReconnectStormStage {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(disruption, "disruption");
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number of messages per second: " + ratePerSecond);
        }
        for (Duration d : List.of(settle, observe, runOn, drain)) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative: " + d);
            }
        }
        if (observe.isZero()) {
            throw new IllegalArgumentException("observe must be longer than 0");
        }
    }

    @Override
    public String name() {
        return "reconnect-storm";
    }

    @Override
    public void execute(StageContext ctx) {
        // Before anything connects: a target restart against a server that cannot do one is a usage error.
        disruption.check(ctx);
        List<ClientSession> clients = ctx.subscribersNotStarted();
        int topics = ctx.scenario().topics();
        TopicLedger[] ledgers = new TopicLedger[topics];
        for (int t = 0; t < topics; t++) {
            ledgers[t] = ctx.ledger(t);
        }
        Duration window = disruption.maxDuration().plus(observe);
        RecoveryTracker tracker = new RecoveryTracker(ctx.subscribers().size(), topic -> ledgers[topic].sent(),
                (int) (window.toNanos() / RecoveryTracker.BIN_NANOS) + 2);
        ctx.addSessionEvents(tracker);

        ctx.stage("connect");
        ctx.connect(connect, clients);
        ctx.stage("settle");
        StageContext.Publishing publishing = ctx.startPublishing(ratePerSecond,
                settle.plus(window).plus(runOn).plus(PUBLISH_SLACK));
        ctx.sleep(settle);
        if (ctx.aborted()) {
            publishing.stop();
            return;
        }
        StormFigures storm = disruptAndObserve(ctx, tracker);
        ctx.stage("run-on");
        ctx.sleep(runOn);
        publishing.stop();
        ctx.stage("drain");
        ctx.drain(drain);
        String policy = ctx.scenario().client().reconnect().describe();
        ctx.afterAccounting(acc -> acc.section("reconnect_storm", storm.section(policy, settle,
                OutageMessages.of(acc, tracker, ledgers))));
    }

    private StormFigures disruptAndObserve(StageContext ctx, RecoveryTracker tracker) {
        long openBefore = ctx.clients().gauge().open();
        PublishCounts before = PublishCounts.now(ctx);
        TlsCounts tlsBefore = ctx.scenario().url().tls() ? TlsCounts.now(ctx) : null;
        long cpuBefore = GeneratorHealthProbe.processCpuNanosNow();
        long t0 = System.nanoTime();
        OpenCurveSampler curve = new OpenCurveSampler(t0, CURVE_PERIOD_NANOS, ctx.clients().gauge()::open);
        // The publishers' counts when every lost client was first seen back (forgotten if more were lost after that).
        PublishCounts[] atRecovery = {null};
        Runnable tick = () -> {
            curve.sampleIfDue();
            if (!tracker.allBack()) {
                atRecovery[0] = null;
            } else if (atRecovery[0] == null) {
                atRecovery[0] = PublishCounts.now(ctx);
            }
        };
        DisruptionReport report;
        ReconnectStormTls tls;
        long cpuMs;
        boolean over;
        long end;
        PublishCounts atEnd;
        StageContext.Ticker sampling = ctx.duringWaits(tick);
        try {
            curve.sampleIfDue();
            tracker.start(t0);
            ctx.stage("disrupt");
            report = disruption.carryOut(ctx);
            ctx.stage("recover");
            long deadline = System.nanoTime() + observe.toNanos();
            over = ctx.waitUntil(deadline, () -> tracker.over(openBefore, System.nanoTime()));
            end = System.nanoTime();
            atEnd = PublishCounts.now(ctx);
            long cpuAfter = GeneratorHealthProbe.processCpuNanosNow();
            cpuMs = cpuBefore < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpuBefore) / 1_000_000;
            tls = tlsBefore == null ? null : TlsCounts.now(ctx).since(tlsBefore, ctx.scenario().client().tls().resume());
            tracker.stop();
        } finally {
            sampling.close();
        }
        PublishCounts outage = (over && atRecovery[0] != null ? atRecovery[0] : atEnd).minus(before);
        return new StormFigures(report, (end - t0) / 1_000_000, !over && tracker.lost() > 0, openBefore, tracker.lost(),
                tracker.recoveredMs(0.5), tracker.recoveredMs(0.95), tracker.recoveredMs(1.0),
                tracker.lost() - tracker.reopened(), tracker.attemptsTotal(), tracker.peakAttemptsPerSecond(end),
                tracker.attemptsPerClient(), tracker.bins(end), curve.points(), outage.accepted(),
                outage.notAccepted(), cpuMs, tls);
    }

    /** The TLS handshake counts and histograms at one instant. */
    private record TlsCounts(long full, long resumed, Histogram fullMicros, Histogram resumedMicros) {
        static TlsCounts now(StageContext ctx) {
            return new TlsCounts(ctx.counter(CounterId.TLS_FULL), ctx.counter(CounterId.TLS_RESUMED),
                    ctx.totalNow(HistogramId.TLS_HANDSHAKE_FULL), ctx.totalNow(HistogramId.TLS_HANDSHAKE_RESUMED));
        }

        ReconnectStormTls since(TlsCounts before, boolean resume) {
            return new ReconnectStormTls(resume, full - before.full, resumed - before.resumed,
                    PhaseFigures.between(before.fullMicros, fullMicros),
                    PhaseFigures.between(before.resumedMicros, resumedMicros));
        }
    }

    /** The publishers' totals at one instant: messages accepted, and slots skipped or messages refused. */
    private record PublishCounts(long accepted, long notAccepted) {
        static PublishCounts now(StageContext ctx) {
            return new PublishCounts(ctx.counter(CounterId.PUBLISHED),
                    ctx.counter(CounterId.PUBLISH_SKIPPED) + ctx.counter(CounterId.PUBLISH_FAILED));
        }

        PublishCounts minus(PublishCounts earlier) {
            return new PublishCounts(Math.max(0, accepted - earlier.accepted),
                    Math.max(0, notAccepted - earlier.notAccepted));
        }
    }

    /** The figures known when the observation ends; the section adds the message figures after the run. */
    private record StormFigures(DisruptionReport report, long observedMs, boolean timedOut, long openBefore, long lost,
                                Double recovered50, Double recovered95, Double recovered100, long notRecovered,
                                long attempts, long peak, CountDistribution attemptsPerClient, List<AttemptBin> bins,
                                List<OpenCurveSampler.Point> curve, long publishedDuringOutage,
                                long unpublishedDuringOutage, long cpuMs, ReconnectStormTls tls) {

        ReconnectStormSection section(String policy, Duration settle, OutageMessages messages) {
            return new ReconnectStormSection(policy, report, settle.toMillis(), observedMs, timedOut, openBefore, lost,
                    recovered50, recovered95, recovered100, notRecovered, attempts, peak, attemptsPerClient, bins,
                    curve, publishedDuringOutage, unpublishedDuringOutage, messages.lost(), messages.lostPerClient(), messages.whileAway(),
                    messages.gotBack(), messages.clientsGotBack(), cpuMs, tls);
        }
    }
}
