package dev.herd.engine.result;

/**
 * One threshold's outcome.
 *
 * @param expression the expression as the user wrote it, e.g. {@code latency.p99 < 50ms}
 * @param actual the figure it was checked against, in the unit of the figure (ms for times)
 * @param passed whether it held
 */
public record ThresholdResult(String expression, double actual, boolean passed) {
}
