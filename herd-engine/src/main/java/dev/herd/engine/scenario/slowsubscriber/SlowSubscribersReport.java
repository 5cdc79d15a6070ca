package dev.herd.engine.scenario.slowsubscriber;

import dev.herd.engine.result.HistogramSummary;
import dev.herd.engine.scenario.PhaseFigures;
import dev.herd.engine.scenario.StageContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntToLongFunction;

/**
 * Builds the {@code slow_subscribers} section once the run is accounted for: per-window latency figures from the
 * {@link StallRecord}, lost messages per subscriber from the accounting, the connections the
 * {@link SlowGroupDriver} saw end, and the {@link ResponseClassifier}'s call.
 *
 * <pre>{@code
 * ctx.afterAccounting(acc -> acc.section("slow_subscribers", report.build(acc, driver.losses(), started)));
 * }</pre>
 */
final class SlowSubscribersReport {

    // Positions of the histograms in the StallRecord (the stage's WATCHED order).
    private static final int HEALTHY_LATENCY = 0;
    private static final int SLOW_LATENCY = 1;
    private static final int SLOW_SERVICE_TIME = 2;

    private final SlowSubscriberStage stage;
    private final int subscribers;
    private final int[] slow;
    private final StallRecord record;
    private final TargetStatsFigures target;

    SlowSubscribersReport(SlowSubscriberStage stage, int subscribers, int[] slow, StallRecord record,
                          TargetStatsFigures target) {
        this.stage = stage;
        this.subscribers = subscribers;
        this.slow = slow.clone();
        this.record = record;
        this.target = target;
    }

    /**
     * The section, from the accounting after the run, each subscriber's messages missing before the last one it
     * received (sequence gaps, as opposed to a tail that had not arrived when the run ended), the connections lost
     * from the stall's start on, and the indices of the subscribers this stage started (the healthy ones are those
     * of them not slowed).
     */
    SlowSubscribersSection build(StageContext.Accounting acc, IntToLongFunction skippedOf,
                                 List<SlowGroupDriver.Loss> losses, Set<Integer> started) {
        boolean[] isSlow = new boolean[subscribers];
        for (int i : slow) {
            isSlow[i] = true;
        }
        Map<Integer, SlowGroupDriver.Loss> firstLoss = new TreeMap<>();
        Map<String, Long> closeCodes = new TreeMap<>();
        Set<Integer> healthyDisconnected = new HashSet<>();
        int seenBeforeResume = 0;
        for (SlowGroupDriver.Loss loss : losses) {
            if (!loss.slow()) {
                healthyDisconnected.add(loss.index());
                continue;
            }
            firstLoss.putIfAbsent(loss.index(), loss);
            if (loss.closeCode() != SlowGroupDriver.NOT_WEBSOCKET) {
                closeCodes.merge(Integer.toString(loss.closeCode()), 1L, Long::sum);
            }
            if (loss.beforeResume()) {
                seenBeforeResume++;
            }
        }

        long healthyLost = 0;
        long healthyMissing = 0;
        int healthy = 0;
        for (int i : started) {
            if (i < subscribers && !isSlow[i] && acc.everOpened(i)) {
                healthy++;
                healthyLost += Math.max(0, acc.lost(i));
                healthyMissing += missingDuringStall(acc, i);
            }
        }
        long slowLost = 0;
        long slowSkipped = 0;
        long slowMissing = 0;
        int slowOpened = 0;
        int withGaps = 0;
        long minSkipped = Long.MAX_VALUE;
        long maxSkipped = 0;
        List<SlowSubscribersSection.SlowSubscriber> listed = new ArrayList<>();
        for (int i : slow) {
            if (!acc.everOpened(i)) {
                continue;
            }
            slowOpened++;
            long lost = Math.max(0, acc.lost(i));
            long skipped = Math.min(lost, skippedOf.applyAsLong(i));
            long missing = missingDuringStall(acc, i);
            slowLost += lost;
            slowSkipped += skipped;
            slowMissing += missing;
            withGaps += skipped > 0 ? 1 : 0;
            minSkipped = Math.min(minSkipped, skipped);
            maxSkipped = Math.max(maxSkipped, skipped);
            if (listed.size() < SlowSubscriberStage.LISTED) {
                SlowGroupDriver.Loss loss = firstLoss.get(i);
                listed.add(new SlowSubscribersSection.SlowSubscriber(i, acc.topic(i), lost, skipped, missing,
                        loss == null ? null : ms(loss.afterStallStartNanos()),
                        loss == null || loss.closeCode() == SlowGroupDriver.NOT_WEBSOCKET ? null : loss.closeCode()));
            }
        }
        if (slowOpened == 0) {
            minSkipped = 0;
        }

        double[] disconnectMs = firstLoss.values().stream().mapToDouble(l -> ms(l.afterStallStartNanos())).sorted()
                .toArray();
        Double p50 = disconnectMs.length == 0 ? null : disconnectMs[(disconnectMs.length - 1) / 2];
        Double max = disconnectMs.length == 0 ? null : disconnectMs[disconnectMs.length - 1];
        double slowMaxSinceStall = record.histogram(SLOW_LATENCY, StallRecord.STALL, StallRecord.END).getMaxValue()
                / 1000.0;
        ResponseClassifier.Verdict verdict = ResponseClassifier.classify(new ResponseClassifier.Facts(slowOpened,
                stage.stallFor().toMillis(), firstLoss.size(), closeCodes, p50, max, slowSkipped, withGaps, minSkipped,
                maxSkipped, slowLost - slowSkipped, slowMaxSinceStall, healthyLost, healthyDisconnected.size(), target));

        Map<String, PhaseFigures> healthyLatency = windows(HEALTHY_LATENCY);
        return new SlowSubscribersSection(
                started.size(), slow.length, healthy,
                stage.readBytesPerSecond() > 0 ? "slow_read" : "stall",
                stage.readBytesPerSecond() > 0 ? stage.readBytesPerSecond() : null,
                stage.stallAfter().toMillis(), stage.stallFor().toMillis(), stage.after().toMillis(),
                stage.receiveBufferBytes(),
                verdict.response().key(), verdict.evidence(),
                p99(healthyLatency.get("before")), p99(healthyLatency.get("during")), p99(healthyLatency.get("after")),
                healthyLost, healthyMissing, healthyDisconnected.size(), healthyLatency,
                slowLost, slowLost - slowSkipped, slowMissing, firstLoss.size(), windows(SLOW_LATENCY),
                HistogramSummary.ofMicros(record.total(SLOW_LATENCY, StallRecord.END)),
                HistogramSummary.ofMicros(record.total(SLOW_SERVICE_TIME, StallRecord.END)),
                new SlowSubscribersSection.Disconnects(closeCodes, p50, max, seenBeforeResume),
                new SlowSubscribersSection.Gaps(withGaps, slowSkipped, minSkipped, maxSkipped),
                listed, target);
    }

    private long missingDuringStall(StageContext.Accounting acc, int i) {
        int topic = acc.topic(i);
        return acc.missingBetween(i, record.seq(topic, StallRecord.STALL), record.seq(topic, StallRecord.RESUME));
    }

    private Map<String, PhaseFigures> windows(int k) {
        Map<String, PhaseFigures> w = new LinkedHashMap<>();
        w.put("before", record.window(k, StallRecord.START, StallRecord.STALL));
        w.put("during", record.window(k, StallRecord.STALL, StallRecord.RESUME));
        w.put("after", record.window(k, StallRecord.RESUME, StallRecord.END));
        return w;
    }

    private static Double p99(PhaseFigures f) {
        return f.count() == 0 ? null : f.p99();
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }
}
