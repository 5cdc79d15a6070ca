/**
 * The pub/sub broker: topics owned by event loops, sequence numbers, delivery timing (delay, jitter, stall),
 * once-per-topic encoding and fan-out, and the slow-subscriber policies.
 */
package dev.herd.broker.pubsub;
