package dev.herd.engine.scenario.fanout;

/**
 * One step of the fan-out curve.
 *
 * @param subscribers subscribers in the step
 * @param published messages published in the step (accepted by the target)
 * @param expected deliveries expected (each message times its topic's subscribers)
 * @param received deliveries received
 * @param lost expected deliveries never received
 * @param deliveriesPerSecond received deliveries per second of publishing
 * @param p50Ms latency median of the step
 * @param p95Ms latency p95
 * @param p99Ms latency p99
 * @param maxMs latency max
 */
public record FanoutPoint(int subscribers, long published, long expected, long received, long lost,
                          double deliveriesPerSecond, double p50Ms, double p95Ms, double p99Ms, double maxMs) {
}
