package dev.herd.engine.scenario.slowsubscriber;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Classifies what a target did to a slowed group from what herd saw, strongest evidence first: any slow
 * subscriber disconnected means {@link ServerResponse#DISCONNECTED}; else sequence gaps (messages missing before
 * a later one arrived) mean {@link ServerResponse#DROPPED}; else a slow-group latency of at least half the stall,
 * or messages still undelivered when the run ended, mean {@link ServerResponse#BUFFERED}; else
 * {@link ServerResponse#UNAFFECTED}. The evidence is one line with the numbers behind the call.
 *
 * <pre>{@code
 * ResponseClassifier.Verdict v = ResponseClassifier.classify(facts);
 * v.response();   // DROPPED
 * v.evidence();   // "slow subscribers stayed connected, but 10 of 10 have sequence gaps: ..."
 * }</pre>
 */
final class ResponseClassifier {

    /** A slow-group latency at least this share of the stall counts as "arrived about a stall late". */
    static final double BUFFERED_SHARE_OF_STALL = 0.5;

    /**
     * What herd saw of the slow group (and, for context, of the healthy subscribers).
     *
     * @param slow slow subscribers that opened
     * @param stallForMs how long the group was slowed
     * @param disconnected slow subscribers that lost their connection from the stall's start on
     * @param closeCodes WebSocket close codes those connections ended with ({@code 1006}: no close frame)
     * @param disconnectP50Ms median time from the stall's start to herd seeing a disconnect (null if none)
     * @param disconnectMaxMs the longest such time (null if none)
     * @param skipped messages missing in the slow group's sequence gaps (a later message arrived)
     * @param withGaps slow subscribers with at least one gap
     * @param minSkipped fewest missing in one slow subscriber's gaps
     * @param maxSkipped most missing in one slow subscriber's gaps
     * @param undelivered messages after each slow subscriber's last received one, not delivered by the run's end
     * @param latencyMaxMs the slow group's largest latency from the stall's start on
     * @param healthyLost messages healthy subscribers never received
     * @param healthyDisconnected healthy subscribers that lost their connection from the stall's start on
     * @param target the reference target's own account, or null
     */
    record Facts(int slow, long stallForMs, int disconnected, Map<String, Long> closeCodes, Double disconnectP50Ms,
                 Double disconnectMaxMs, long skipped, int withGaps, long minSkipped, long maxSkipped,
                 long undelivered, double latencyMaxMs,
                 long healthyLost, long healthyDisconnected, TargetStatsFigures target) {
    }

    /** The call and the line of evidence behind it. */
    record Verdict(ServerResponse response, String evidence) {
    }

    private ResponseClassifier() {
    }

    static Verdict classify(Facts f) {
        Verdict v;
        if (f.disconnected() > 0) {
            v = new Verdict(ServerResponse.DISCONNECTED, f.disconnected() + " of " + f.slow()
                    + " slow subscribers were disconnected (" + codes(f.closeCodes()) + "), seen "
                    + seconds(f.disconnectP50Ms()) + " (p50) and " + seconds(f.disconnectMaxMs())
                    + " (max) after the stall began" + target(f.target(), true));
        } else if (f.skipped() > 0) {
            v = new Verdict(ServerResponse.DROPPED, "slow subscribers stayed connected, but " + f.withGaps() + " of "
                    + f.slow() + " have sequence gaps: " + f.skipped() + " messages lost (" + f.minSkipped() + "-"
                    + f.maxSkipped() + " each)" + target(f.target(), false));
        } else if (f.undelivered() > 0
                || f.latencyMaxMs() >= BUFFERED_SHARE_OF_STALL * f.stallForMs() && f.stallForMs() > 0) {
            v = new Verdict(ServerResponse.BUFFERED, "slow subscribers stayed connected and no message was skipped, "
                    + "but their messages arrived up to " + seconds(f.latencyMaxMs()) + " late against a "
                    + seconds((double) f.stallForMs()) + " stall"
                    + (f.undelivered() > 0 ? " and " + f.undelivered() + " were still undelivered at the end" : ""));
        } else {
            v = new Verdict(ServerResponse.UNAFFECTED, "slow subscribers stayed connected, lost nothing, and their "
                    + "latency max (" + seconds(f.latencyMaxMs()) + ") stayed under half the "
                    + seconds((double) f.stallForMs()) + " stall");
        }
        if (f.healthyLost() > 0 || f.healthyDisconnected() > 0) {
            return new Verdict(v.response(), v.evidence() + "; healthy subscribers were hit too (" + f.healthyLost()
                    + " lost, " + f.healthyDisconnected() + " disconnected)");
        }
        return v;
    }

    private static String codes(Map<String, Long> closeCodes) {
        if (closeCodes.isEmpty()) {
            return "no close code: SSE";
        }
        StringJoiner j = new StringJoiner(", ");
        closeCodes.forEach((code, n) -> j.add(
                (code.equals(Integer.toString(SlowGroupDriver.NO_CLOSE_FRAME)) ? "no close frame" : "close " + code)
                        + " x" + n));
        return j.toString();
    }

    private static String target(TargetStatsFigures t, boolean disconnects) {
        if (t == null) {
            return "";
        }
        if (disconnects && t.slowDisconnects() != null && t.queueOverflows() != null) {
            return "; target /stats: " + t.slowDisconnects() + " slow_disconnect, " + t.queueOverflows()
                    + " queue_overflow";
        }
        if (!disconnects && t.dropped() != null) {
            return "; target /stats: " + t.dropped() + " dropped";
        }
        return "";
    }

    private static String seconds(Double ms) {
        if (ms == null) {
            return "-";
        }
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
