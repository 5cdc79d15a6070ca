package dev.herd.engine.scenario.reconnectstorm;

/**
 * What the reconnect storm's disruption did, as summary.json's {@code reconnect_storm.disruption} shows it.
 *
 * @param kind {@code target-restart}, {@code command} or {@code client-drop}
 * @param detail what was done: the request and its answer, the command line, or how many connections were reset
 * @param exitStatus the command's exit status (command only; null when it did not end by itself)
 * @param error why the disruption may not have happened as asked (first line of the command's stderr, a timeout,
 *              an unexpected HTTP status); null when it went as asked
 */
public record DisruptionReport(String kind, String detail, Integer exitStatus, String error) {
}
