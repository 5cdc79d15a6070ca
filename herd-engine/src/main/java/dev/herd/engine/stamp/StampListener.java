package dev.herd.engine.stamp;

/**
 * Receives what {@link StampScanner} finds in a frame, as primitives so that nothing is allocated per stamp.
 *
 * <pre>{@code
 * final class LatencyListener implements StampListener {
 *     long receivedNanos;
 *     public void onStamp(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
 *         if (runId == thisRun) latency.recordValue((receivedNanos - intendedNanos) / 1000);
 *     }
 *     public void onMalformed() { malformed++; }
 * }
 * }</pre>
 */
public interface StampListener {

    /**
     * Called for each well-formed stamp, in the order they appear in the frame.
     *
     * @param runId         the publishing run's id, 0 to 2<sup>32</sup>-1
     * @param topicIndex    the topic's index in that run
     * @param seq           the per-topic sequence number, from 0
     * @param intendedNanos when the schedule meant the message to be sent, epoch nanoseconds
     * @param sentNanos     when the publisher actually sent it, epoch nanoseconds
     */
    void onStamp(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos);

    /** Called for each {@code ~h1.} whose fields do not parse: truncated, not lowercase hex, too long, or unclosed. */
    void onMalformed();
}
