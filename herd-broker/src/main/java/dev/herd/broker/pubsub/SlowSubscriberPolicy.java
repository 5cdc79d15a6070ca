package dev.herd.broker.pubsub;

import java.util.Locale;

/**
 * What the broker does with a subscriber whose channel stops being writable (its outbound bytes went past
 * the write-buffer high water mark because the peer reads slower than the topic publishes).
 *
 * <p>Whatever the policy, a subscriber whose pending outbound bytes would pass {@code maxQueueBytes} is
 * disconnected (cause {@code queue_overflow}): the target never lets one client hold unbounded memory.
 */
public enum SlowSubscriberPolicy {
    /** Keep queueing while unwritable, up to {@code maxQueueBytes}; then disconnect ({@code queue_overflow}). */
    BUFFER,
    /** While unwritable, skip messages for that subscriber and count them in {@code dropped}. */
    DROP,
    /** Keep queueing, but disconnect ({@code slow_disconnect}) once unwritable for longer than {@code slowTimeout}. */
    DISCONNECT;

    /** The lower-case name used on the command line and in {@code /stats}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
