package dev.herd.report.compare;

import java.util.Locale;

/** Which way a figure should move: lower latency is better, more deliveries are better, a count of attempts is neither. */
public enum Direction {
    LOWER_IS_BETTER,
    HIGHER_IS_BETTER,
    NEUTRAL;

    /**
     * A guess from a key's name, for figures this comparison has no rule for (scenario sections): times,
     * failures, losses and errors should fall; rates achieved, deliveries and connections held should rise.
     */
    public static Direction guess(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith("_ms") || k.matches("p\\d+|max|min|mean") || k.contains("fail") || k.contains("lost")
                || k.contains("loss") || k.contains("error") || k.contains("lag") || k.contains("dropped")
                || k.contains("duplicated") || k.contains("reordered") || k.contains("timeout")) {
            return LOWER_IS_BETTER;
        }
        if (k.contains("achieved") || k.contains("deliver") || k.contains("received") || k.contains("established")
                || k.contains("held") || k.contains("per_second") || k.contains("throughput")) {
            return HIGHER_IS_BETTER;
        }
        return NEUTRAL;
    }
}
