package dev.herd.engine.scenario.fanout;

import dev.herd.engine.scenario.StageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * summary.json's {@code fanout} section: the curve N → latency, deliveries/s and loss, and how p99 grows.
 *
 * @param sweep what was swept ({@code subscribers})
 * @param points one per step, in order
 * @param p99Growth p99 at the largest N over p99 at the smallest (0 when either step received nothing)
 * @param summary one sentence saying how p99 grows with N
 */
public record FanoutSection(String sweep, List<FanoutPoint> points, double p99Growth, String summary) {

    static FanoutSection of(List<FanoutSweepStage.StepWindow> steps, StageContext.Accounting accounting,
                            double publishSeconds) {
        List<FanoutPoint> points = new ArrayList<>();
        for (FanoutSweepStage.StepWindow step : steps) {
            long published = 0;
            long expected = 0;
            long lost = 0;
            for (int t = 0; t < step.fromSeq().length; t++) {
                published += step.toSeq()[t] - step.fromSeq()[t]
                        - accounting.failedBetween(t, step.fromSeq()[t], step.toSeq()[t]);
            }
            for (int i = 0; i < Math.min(step.subscribers(), accounting.subscribers()); i++) {
                if (!accounting.everOpened(i)) {
                    continue;
                }
                int t = accounting.topic(i);
                long from = step.fromSeq()[t];
                long to = step.toSeq()[t];
                long accepted = to - from - accounting.failedBetween(t, from, to);
                expected += accepted;
                // A failed publish never arrives and is not expected: take it out of the missing count.
                lost += Math.max(0, accounting.missingBetween(i, from, to) - accounting.failedBetween(t, from, to));
            }
            long received = expected - lost;
            points.add(new FanoutPoint(step.subscribers(), published, expected, received, lost,
                    Math.round(received / Math.max(1e-9, publishSeconds) * 10) / 10.0,
                    step.latency().p50(), step.latency().p95(), step.latency().p99(), step.latency().max()));
        }
        double growth = 0;
        String summary = "no step received messages";
        if (points.size() >= 2) {
            FanoutPoint first = points.get(0);
            FanoutPoint last = points.get(points.size() - 1);
            if (first.p99Ms() > 0 && last.received() > 0) {
                growth = Math.round(last.p99Ms() / first.p99Ms() * 100) / 100.0;
                summary = String.format(Locale.ROOT, "p99 went from %.2f ms at %d subscribers to %.2f ms at %d "
                                + "(x%.2f) while subscribers grew x%d", first.p99Ms(), first.subscribers(),
                        last.p99Ms(), last.subscribers(), growth, last.subscribers() / first.subscribers());
            }
        } else if (points.size() == 1) {
            summary = "a single step: no growth to report";
        }
        return new FanoutSection("subscribers", points, growth, summary);
    }
}
