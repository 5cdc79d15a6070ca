package dev.herd.api;

import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.slowsubscriber.SlowGroupSize;
import dev.herd.engine.scenario.slowsubscriber.SlowSubscriberStage;
import java.time.Duration;
import java.util.List;

/**
 * {@code slow-subscriber}: a group of subscribers stalls (or reads slowly) while the rest keep reading: does the target
 * buffer, drop or disconnect, and what happens to everyone else ({@code slow_subscribers} in summary.json).
 *
 * <p>The message defaults ({@link #DEFAULT_SIZE_BYTES} at {@link #DEFAULT_RATE_PER_TOPIC} per topic: 1.2 MB/s a topic)
 * are chosen against the reference target on loopback, where its kernel send buffer alone takes 3-4 MB from a stalled
 * reader before its 64 KiB write buffer fills and its slow policy applies: in the default 5 s stall the buffers fill
 * after about 3.5 s, so {@code drop} has over a second to drop, while {@code buffer}'s default 4 MiB queue holds the
 * rest without overflowing.
 *
 * <pre>{@code
 * Herd.slowSubscriber().url("ws://127.0.0.1:8080/ws/{topic}").subscribers(200).slowFraction(0.1).run();
 * }</pre>
 */
public final class SlowSubscriberBuilder extends ScenarioBuilder<SlowSubscriberBuilder> {

    public static final long DEFAULT_SIZE_BYTES = 4 << 10;
    public static final double DEFAULT_RATE_PER_TOPIC = 300;
    /** Share of the subscribers slowed when neither a fraction nor a count is given. */
    public static final double DEFAULT_FRACTION = 0.1;
    /** From the start of publishing to the stall. */
    public static final Duration DEFAULT_STALL_AFTER = Duration.ofSeconds(2);
    public static final Duration DEFAULT_STALL_FOR = Duration.ofSeconds(5);
    /** Publishing goes on this long after the stall. */
    public static final Duration DEFAULT_AFTER = Duration.ofSeconds(3);
    /** The slow group's socket receive buffer: small, so a stalled reader shows quickly. */
    public static final long DEFAULT_RECEIVE_BUFFER_BYTES = SlowSubscriberStage.DEFAULT_RECEIVE_BUFFER_BYTES;
    /** A slow subscriber that reconnects would hide the disconnect this scenario is there to see. */
    public static final Reconnect DEFAULT_RECONNECT = Reconnect.NONE;

    private Double fraction;
    private Integer count;
    private Duration stallAfter = DEFAULT_STALL_AFTER;
    private Duration stallFor = DEFAULT_STALL_FOR;
    private long readBytesPerSecond;
    private Duration after = DEFAULT_AFTER;
    private long receiveBufferBytes = DEFAULT_RECEIVE_BUFFER_BYTES;

    SlowSubscriberBuilder() {
        super("slow-subscriber");
    }

    /** Share of the subscribers that stall, spread over the topics. */
    public SlowSubscriberBuilder slowFraction(double share) {
        this.fraction = share;
        return this;
    }

    /** Exactly this many subscribers stall, instead of a fraction. */
    public SlowSubscriberBuilder slowCount(int subscribersThatStall) {
        this.count = subscribersThatStall;
        return this;
    }

    public SlowSubscriberBuilder stallAfter(Duration delay) {
        this.stallAfter = delay;
        return this;
    }

    public SlowSubscriberBuilder stallFor(Duration stall) {
        this.stallFor = stall;
        return this;
    }

    /** Read at this rate during the stall instead of not at all (0: not at all). */
    public SlowSubscriberBuilder slowRead(long bytesPerSecond) {
        this.readBytesPerSecond = bytesPerSecond;
        return this;
    }

    public SlowSubscriberBuilder after(Duration publishOn) {
        this.after = publishOn;
        return this;
    }

    public SlowSubscriberBuilder slowReceiveBuffer(long bytes) {
        this.receiveBufferBytes = bytes;
        return this;
    }

    @Override
    protected List<Stage> builtInTimeline() {
        double r = rateOr(DEFAULT_RATE_PER_TOPIC * topics);
        check(fraction == null || count == null, "slow_subscribers", "give the slow group as a fraction "
                + "(--slow-fraction, slow_subscribers.fraction) or a count (--slow-count, slow_subscribers.count), "
                + "not both");
        check(!stallFor.isZero(), "slow_subscribers.stall_for", "stall_for (--stall-for) must be longer than 0");
        check(receiveBufferBytes >= 1 && receiveBufferBytes <= Integer.MAX_VALUE, "slow_subscribers.receive_buffer",
                "receive_buffer (--slow-receive-buffer) must be 1 B-2 GiB, was " + receiveBufferBytes);
        SlowGroupSize group = group();
        int asked = group.asked(subscribers);
        int largest = SlowGroupSize.largest(subscribers, topics);
        check(asked <= largest, count != null ? "slow_subscribers.count" : fraction != null
                ? "slow_subscribers.fraction" : "clients.subscribers", "a slow group of " + asked + " leaves a topic without a healthy "
                + "subscriber: with " + subscribers + " subscribers over " + topics + " topics it can be at most "
                + largest);
        return List.of(new SlowSubscriberStage(connectStage(), group, stallAfter, stallFor, readBytesPerSecond, after,
                r, drain, (int) receiveBufferBytes));
    }

    private SlowGroupSize group() {
        check(count == null || count >= 1, "slow_subscribers.count", "count (--slow-count) must be at least 1, not "
                + count);
        check(fraction == null || (fraction > 0 && fraction <= 1), "slow_subscribers.fraction",
                "fraction (--slow-fraction) must be above 0 and at most 1, not " + fraction);
        return count != null ? SlowGroupSize.count(count)
                : SlowGroupSize.fraction(fraction == null ? DEFAULT_FRACTION : fraction);
    }

    @Override
    protected long defaultSizeBytes() {
        return DEFAULT_SIZE_BYTES;
    }

    @Override
    protected Reconnect defaultReconnect() {
        return DEFAULT_RECONNECT;
    }
}
