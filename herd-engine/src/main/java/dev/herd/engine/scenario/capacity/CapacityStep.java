package dev.herd.engine.scenario.capacity;

import java.util.Map;

/**
 * One step of the capacity curve.
 *
 * @param step the step's number, from 1
 * @param targetConnections connections asked for so far
 * @param open connections open at the end of the step
 * @param handshakeP99Ms p99 of {@code connect.total} of the step's attempts
 * @param errorRate the share of the step's attempts that failed
 * @param failures the step's failures by reason
 * @param dropped connections lost while the step was held
 * @param passed whether every condition was met
 */
public record CapacityStep(int step, long targetConnections, long open, double handshakeP99Ms, double errorRate,
                           Map<String, Long> failures, long dropped, boolean passed) {
}
