package dev.herd.engine.scenario.reconnectstorm;

/**
 * Reconnect attempts started in one 100 ms bin of the storm.
 *
 * @param tMs the bin's start, in milliseconds from the disruption
 * @param attempts attempts started in it by the clients that lost their connection
 */
public record AttemptBin(long tMs, int attempts) {
}
