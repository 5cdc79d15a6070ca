package dev.herd.engine.publish;

import java.util.Arrays;

/**
 * The publisher's account of one topic: which sequence numbers were sent, which the target accepted and
 * which failed. Subscribers are expected to receive exactly the accepted ones. Owned by the publisher's
 * event loop; read by the run only after publishing has stopped.
 */
public final class TopicLedger {

    private final int topicIndex;
    // Written by the publisher's loop; read by the run when it adds subscribers between stages.
    private volatile long sent;
    // Written by the publisher's loop, read by the run's drain wait.
    private volatile long accepted;
    private long[] failed = new long[0];
    private int failedCount;

    public TopicLedger(int topicIndex) {
        this.topicIndex = topicIndex;
    }

    /** Takes the next sequence number for a message about to be written. */
    public long nextSeq() {
        long seq = sent;
        sent = seq + 1;
        return seq;
    }

    public void recordAccepted() {
        accepted = accepted + 1;
    }

    /** The message with {@code seq} was not accepted: subscribers are not expected to get it. */
    public void recordFailed(long seq) {
        if (failedCount == failed.length) {
            failed = Arrays.copyOf(failed, Math.max(8, failedCount * 2));
        }
        failed[failedCount++] = seq;
    }

    /**
     * For a subscriber-only process: messages up to {@code count} were evidently published and accepted
     * (someone received sequence number {@code count - 1}). Any loop may call it.
     */
    public synchronized void observe(long count) {
        if (count > sent) {
            accepted = accepted + (count - sent);
            sent = count;
        }
    }

    public int topicIndex() {
        return topicIndex;
    }

    /** Messages written (accepted, failed, or still awaiting an answer). */
    public long sent() {
        return sent;
    }

    public long accepted() {
        return accepted;
    }

    public int failedCount() {
        return failedCount;
    }

    /** The failed sequence numbers, sorted. */
    public long[] failedSeqs() {
        long[] copy = Arrays.copyOf(failed, failedCount);
        Arrays.sort(copy);
        return copy;
    }
}
