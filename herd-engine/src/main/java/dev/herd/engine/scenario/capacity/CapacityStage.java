package dev.herd.engine.scenario.capacity;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.FailureCounts;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.scenario.PhaseFigures;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.StageContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The capacity search: adds connections step by step (a step every {@code stepEvery}; continuous ramping is
 * steps of one second) and holds each step for {@code settle}, until a stop condition: the step's handshake
 * p99 above {@code maxHandshakeP99}, its error rate above {@code maxErrorRate}, connections dropped while
 * held, or {@code limit} reached. Reports the most connections held with every condition met, the first
 * failure mode, and the curve. Writes the {@code capacity} section.
 *
 * @param stepClients connections added per step
 * @param stepEvery the window each step's connections arrive in
 * @param settle how long each step is held before it is judged
 * @param maxHandshakeP99 the highest acceptable p99 of {@code connect.total} in a step (null: no limit)
 * @param maxErrorRate the highest acceptable share of failed attempts in a step (0.01 = 1 %)
 * @param limit stop after this many connections even if nothing failed
 * @param continuous true when the ramp is continuous (steps of one second, no settling pause)
 */
public record CapacityStage(int stepClients, Duration stepEvery, Duration settle, Duration maxHandshakeP99,
                            double maxErrorRate, int limit, boolean continuous) implements Stage {

    public CapacityStage {
        if (stepClients < 1 || limit < 1) {
            throw new IllegalArgumentException("capacity step and limit must be at least 1");
        }
    }

    @Override
    public String name() {
        return "capacity";
    }

    @Override
    public void execute(StageContext ctx) {
        List<CapacityStep> steps = new ArrayList<>();
        long held = 0;
        double heldHandshakeP99 = 0;
        String stopReason = "limit";
        CapacityFailure firstFailure = null;
        int created = ctx.subscribers().size() - ctx.subscribersNotStarted().size();
        for (int step = 1; created < limit && !ctx.aborted(); step++) {
            int n = Math.min(stepClients, limit - created);
            List<ClientSession> fresh = new ArrayList<>(ctx.subscribersNotStarted());
            fresh.addAll(ctx.addSubscribers(Math.max(0, n - fresh.size())));
            created += fresh.size();
            ctx.stage("step " + step);
            ctx.targetConnections(created);
            Histogram handshakesBefore = ctx.totalNow(HistogramId.CONNECT_TOTAL);
            Map<String, Long> failuresBefore = FailureCounts.byReason(ctx.metrics());
            long attemptsBefore = ctx.counter(CounterId.CONNECT_ATTEMPTS);
            long lostBefore = lost(ctx);

            ctx.connect(new Stage.Connect(stepEvery, false, 0), fresh);
            if (!continuous) {
                ctx.sleep(settle);
            }

            PhaseFigures handshakes = PhaseFigures.between(handshakesBefore, ctx.totalNow(HistogramId.CONNECT_TOTAL));
            Map<String, Long> failures = FailureCounts.difference(failuresBefore, FailureCounts.byReason(ctx.metrics()));
            long attempts = ctx.counter(CounterId.CONNECT_ATTEMPTS) - attemptsBefore;
            long failed = failures.values().stream().mapToLong(Long::longValue).sum();
            double errorRate = attempts == 0 ? 0 : (double) failed / attempts;
            long dropped = lost(ctx) - lostBefore;
            long open = ctx.clients().gauge().open();
            CapacityFailure failure = judge(handshakes, errorRate, failures, failed, attempts, dropped);
            steps.add(new CapacityStep(step, created, open, handshakes.p99(), round4(errorRate), failures, dropped,
                    failure == null));
            if (failure != null) {
                firstFailure = failure;
                stopReason = failure.condition();
                break;
            }
            held = open;
            heldHandshakeP99 = handshakes.p99();
        }
        if (ctx.aborted() && firstFailure == null) {
            stopReason = "interrupted";
        }
        ctx.section("capacity", new CapacitySection(held, heldHandshakeP99, stopReason, firstFailure, stepClients, stepEvery.toMillis(),
                continuous ? "continuous" : "steps", maxHandshakeP99 == null ? null : maxHandshakeP99.toMillis(),
                maxErrorRate, limit, steps));
    }

    private CapacityFailure judge(PhaseFigures handshakes, double errorRate, Map<String, Long> failures, long failed,
                                  long attempts, long dropped) {
        if (errorRate > maxErrorRate) {
            Map.Entry<String, Long> worst = failures.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            return new CapacityFailure("error_rate", worst.getKey(), worst.getValue(),
                    failed + " of " + attempts + " attempts failed (" + worst.getValue() + " " + worst.getKey()
                            + "); the limit is " + percent(maxErrorRate));
        }
        if (dropped > 0) {
            return new CapacityFailure("dropped", "closed_by_target", dropped,
                    dropped + " connections were lost while the step was held");
        }
        if (maxHandshakeP99 != null && handshakes.p99() > maxHandshakeP99.toNanos() / 1e6) {
            return new CapacityFailure("handshake_p99", "slow_handshakes", handshakes.count(),
                    "handshake p99 " + handshakes.p99() + " ms is above " + maxHandshakeP99.toMillis() + " ms");
        }
        return null;
    }

    private static long lost(StageContext ctx) {
        return ctx.counter(CounterId.CLOSED_BY_SERVER) + ctx.counter(CounterId.CLOSED_BY_ERROR);
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 10000) / 100.0 + " %";
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
