package dev.herd.engine.result;

/**
 * Every stamped message accounted for. {@code expected} = Σ over topics of published × subscribers of the
 * topic; {@code received} counts distinct deliveries (duplicates apart); {@code lost} = expected deliveries
 * never received.
 *
 * @param published messages the target accepted (WebSocket write done, HTTP 2xx)
 * @param expected deliveries expected at subscribers
 * @param received distinct deliveries received
 * @param lost expected deliveries never received
 * @param subscribersWithLoss subscribers that lost at least one expected delivery
 * @param maxLostPerSubscriber the most deliveries any one subscriber lost
 * @param duplicated deliveries received more than once (each extra copy counts)
 * @param reordered deliveries that arrived after a later one of the same topic
 * @param publishFailed messages the target did not accept
 * @param publishSkipped schedule slots not sent (no open publisher connection, or the publisher's queue full)
 * @param unstamped received messages with no stamp (heartbeats, notices, other traffic)
 * @param malformedStamps stamp prefixes whose fields did not parse
 * @param otherRunStamps stamps of another run (e.g. replayed history), not measured
 * @param foreignTopicStamps stamps of a topic the subscriber is not on
 * @param beforeJoinStamps stamps of messages published before the subscriber joined (e.g. replayed history)
 * @param negativeLatencies latencies below zero (clock skew), recorded as zero
 * @param receivedBytes payload bytes received
 */
public record MessageCounts(long published, long expected, long received, long lost, long subscribersWithLoss,
                            long maxLostPerSubscriber, long duplicated,
                            long reordered, long publishFailed, long publishSkipped, long unstamped,
                            long malformedStamps, long otherRunStamps, long foreignTopicStamps, long beforeJoinStamps,
                            long negativeLatencies, long receivedBytes) {
}
