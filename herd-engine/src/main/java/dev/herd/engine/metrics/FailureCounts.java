package dev.herd.engine.metrics;

import dev.herd.engine.connect.ConnectPhase;
import dev.herd.engine.connect.FailureReason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Connection failures so far, summed over loops, by phase and reason as summary.json names them
 * ({@code refused}, {@code timeout}, {@code http_503}, …). HTTP statuses only occur in the upgrade phase.
 */
public final class FailureCounts {

    private FailureCounts() {
    }

    /** Failures by phase key, then reason key; phases and reasons without failures are left out. */
    public static Map<String, Map<String, Long>> byPhase(RunMetrics metrics) {
        Map<String, Map<String, Long>> byPhase = new LinkedHashMap<>();
        for (ConnectPhase phase : ConnectPhase.values()) {
            Map<String, Long> reasons = new TreeMap<>();
            for (FailureReason reason : FailureReason.values()) {
                long n = 0;
                for (LoopMetrics m : metrics.loops()) {
                    n += m.failures(phase, reason);
                }
                if (n == 0) {
                    continue;
                }
                if (reason == FailureReason.HTTP_STATUS) {
                    httpStatuses(metrics).forEach((k, v) -> reasons.merge(k, v, Long::sum));
                } else {
                    reasons.merge(reason.key(), n, Long::sum);
                }
            }
            if (!reasons.isEmpty()) {
                byPhase.put(phase.key(), reasons);
            }
        }
        return byPhase;
    }

    /** Failures by reason key over all phases. */
    public static Map<String, Long> byReason(RunMetrics metrics) {
        Map<String, Long> byReason = new TreeMap<>();
        byPhase(metrics).values().forEach(m -> m.forEach((k, v) -> byReason.merge(k, v, Long::sum)));
        return byReason;
    }

    /** Open connections the target ended or that broke, by reason key; reasons without any are left out. */
    public static Map<String, Long> closedByReason(RunMetrics metrics) {
        Map<String, Long> byReason = new TreeMap<>();
        for (FailureReason reason : FailureReason.values()) {
            long n = 0;
            for (LoopMetrics m : metrics.loops()) {
                n += m.closes(reason);
            }
            if (n > 0) {
                byReason.put(reason.key(), n);
            }
        }
        return byReason;
    }

    /** {@code after − before}, keeping only reasons that grew. */
    public static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> diff = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d > 0) {
                diff.put(k, d);
            }
        });
        return diff;
    }

    private static Map<String, Long> httpStatuses(RunMetrics metrics) {
        Map<String, Long> statuses = new TreeMap<>();
        for (int status = 0; status < LoopMetrics.HTTP_STATUS_SLOTS; status++) {
            long n = 0;
            for (LoopMetrics m : metrics.loops()) {
                n += m.httpStatusCount(status);
            }
            if (n > 0) {
                statuses.put("http_" + status, n);
            }
        }
        return statuses;
    }
}
