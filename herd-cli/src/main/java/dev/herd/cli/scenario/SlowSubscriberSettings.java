package dev.herd.cli.scenario;

import dev.herd.cli.UsageException;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.slowsubscriber.SlowGroupSize;
import dev.herd.engine.scenario.slowsubscriber.SlowSubscriberStage;
import java.time.Duration;

/**
 * The slow-subscriber scenario's own settings ({@code --slow-*} flags, or a scenario file's
 * {@code slow_subscribers} section), with their defaults, turned into the engine's {@link SlowSubscriberStage}.
 *
 * <pre>{@code
 * settings.slowSubscribers.count = 2;
 * Stage stage = settings.slowSubscribers.toStage(connect, rate, drain, subscribers, topics);
 * }</pre>
 *
 * <p>The message defaults ({@link #DEFAULT_SIZE_BYTES} at {@link #DEFAULT_RATE_PER_TOPIC} per topic: 1.2 MB/s per
 * topic) are chosen against the reference target on loopback, where its kernel send buffer alone takes 3-4 MB
 * from a stalled reader (Linux sizes it from the 64 KiB loopback MSS) before its 64 KiB write buffer fills and its
 * slow policy applies: in the default 5 s stall the buffers fill after about 3.5 s, so {@code drop} has over a
 * second to drop, while {@code buffer}'s default 4 MiB queue holds the rest (about 2-3 MB) without overflowing.
 */
public final class SlowSubscriberSettings {

    /** Message size when the run does not set one. */
    public static final long DEFAULT_SIZE_BYTES = 4 << 10;
    /** Messages per second per topic when the run does not set a rate. */
    public static final double DEFAULT_RATE_PER_TOPIC = 300;
    /** Share of the subscribers slowed when neither a fraction nor a count is given. */
    public static final double DEFAULT_FRACTION = 0.1;

    /** Share of the subscribers to slow; null for the default (or when {@link #count} is given). */
    public Double fraction;
    /** Exact number of subscribers to slow; null to use a fraction. */
    public Integer count;
    public Duration stallAfter = Duration.ofSeconds(2);
    public Duration stallFor = Duration.ofSeconds(5);
    /** The slow group's read rate during the stall in bytes per second; 0 stops reading altogether. */
    public long readBytesPerSecond;
    public Duration after = Duration.ofSeconds(3);
    /** The slow group's socket receive buffer in bytes. */
    public long receiveBufferBytes = SlowSubscriberStage.DEFAULT_RECEIVE_BUFFER_BYTES;

    /** The stage, after checking what only makes sense across settings. */
    public SlowSubscriberStage toStage(Stage.Connect connect, double ratePerSecond, Duration drain, int subscribers,
                                       int topics) {
        if (fraction != null && count != null) {
            throw new UsageException("give the slow group as a fraction (--slow-fraction, slow_subscribers.fraction) "
                    + "or a count (--slow-count, slow_subscribers.count), not both");
        }
        if (stallFor.isZero()) {
            throw new UsageException("stall_for (--stall-for) must be longer than 0");
        }
        SlowGroupSize group = group();
        if (receiveBufferBytes < 1 || receiveBufferBytes > Integer.MAX_VALUE) {
            throw new UsageException("receive_buffer (--slow-receive-buffer) must be 1 B-2 GiB, was "
                    + receiveBufferBytes);
        }
        String tooLarge = tooLarge(subscribers, topics);
        if (tooLarge != null) {
            throw new UsageException(tooLarge);
        }
        return new SlowSubscriberStage(connect, group, stallAfter, stallFor, readBytesPerSecond, after, ratePerSecond,
                drain, (int) receiveBufferBytes);
    }

    /**
     * Why the slow group cannot be taken from {@code subscribers} over {@code topics} (every topic keeps a healthy
     * subscriber), or null when it can.
     */
    public String tooLarge(int subscribers, int topics) {
        int asked = group().asked(subscribers);
        int largest = SlowGroupSize.largest(subscribers, topics);
        return asked <= largest ? null : "a slow group of " + asked + " leaves a topic without a healthy subscriber: "
                + "with " + subscribers + " subscribers over " + topics + " topics it can be at most " + largest;
    }

    /** The group asked for: a count, a fraction, or the default fraction. */
    private SlowGroupSize group() {
        if (count != null && count < 1) {
            throw new UsageException("count (--slow-count) must be at least 1, not " + count);
        }
        if (fraction != null && !(fraction > 0 && fraction <= 1)) {
            throw new UsageException("fraction (--slow-fraction) must be above 0 and at most 1, not " + fraction);
        }
        return count != null ? SlowGroupSize.count(count)
                : SlowGroupSize.fraction(fraction == null ? DEFAULT_FRACTION : fraction);
    }
}
