package dev.herd.engine.scenario.capacity;

import java.util.List;

/**
 * summary.json's {@code capacity} section.
 *
 * @param maxConnections the most connections held open at the end of a step that met every condition
 * @param handshakeP99Ms the connect p99 of the last step that met every condition (0 when none did)
 * @param stopReason why the search stopped: {@code error_rate}, {@code dropped}, {@code handshake_p99},
 *                   {@code limit} or {@code interrupted}
 * @param firstFailure the first failure mode (null when the limit was reached without one)
 * @param stepClients connections added per step
 * @param stepEveryMs each step's arrival window
 * @param ramp {@code steps} or {@code continuous}
 * @param maxHandshakeP99Ms the handshake p99 condition (null: none)
 * @param maxErrorRate the error-rate condition
 * @param limit the connection limit of the search
 * @param steps the curve: open connections against handshake p99 and error rate, step by step
 */
public record CapacitySection(long maxConnections, double handshakeP99Ms, String stopReason, CapacityFailure firstFailure, int stepClients,
                              long stepEveryMs, String ramp, Long maxHandshakeP99Ms, double maxErrorRate, int limit,
                              List<CapacityStep> steps) {
}
