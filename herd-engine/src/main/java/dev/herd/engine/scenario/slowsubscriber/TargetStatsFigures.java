package dev.herd.engine.scenario.slowsubscriber;

import java.util.Map;

/**
 * The reference target's own account of a slow-subscriber run, from its {@code /stats} before the stall and after
 * the drain: what it dropped and whom it disconnected for being slow during the run, and the whole answer at the end.
 *
 * <pre>{@code
 * TargetStatsFigures f = TargetStatsFigures.between(before, atEnd);   // before may be null
 * }</pre>
 *
 * @param slowPolicy the target's slow-subscriber policy ({@code buffer}, {@code drop}, {@code disconnect})
 * @param dropped messages the target skipped for unwritable subscribers during the run (null if not known)
 * @param slowDisconnects connections it closed as {@code slow_disconnect} during the run (null if not known)
 * @param queueOverflows connections it closed as {@code queue_overflow} during the run (null if not known)
 * @param atEnd the {@code /stats} answer after the drain, as the target sent it
 */
public record TargetStatsFigures(String slowPolicy, Long dropped, Long slowDisconnects, Long queueOverflows,
                                 Map<String, Object> atEnd) {

    static TargetStatsFigures between(Map<String, Object> before, Map<String, Object> atEnd) {
        Object policy = atEnd.get("slow_policy");
        return new TargetStatsFigures(policy == null ? null : policy.toString(),
                delta(before, atEnd, "messages", "dropped"),
                delta(before, atEnd, "connections", "closed", "slow_disconnect"),
                delta(before, atEnd, "connections", "closed", "queue_overflow"),
                atEnd);
    }

    private static Long delta(Map<String, Object> before, Map<String, Object> after, String... path) {
        Long end = number(after, path);
        Long start = before == null ? null : number(before, path);
        return end == null || start == null ? null : end - start;
    }

    private static Long number(Map<String, Object> root, String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node instanceof Number n ? n.longValue() : null;
    }
}
