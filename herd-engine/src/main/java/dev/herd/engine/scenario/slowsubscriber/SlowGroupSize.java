package dev.herd.engine.scenario.slowsubscriber;

/**
 * How many subscribers a slow-subscriber run slows down: a fixed count, or else a fraction of the subscribers.
 *
 * <pre>{@code
 * SlowGroupSize.fraction(0.1).of(200, 4);   // 20
 * SlowGroupSize.count(5).of(200, 4);        // 5
 * }</pre>
 *
 * @param fraction share of the subscribers, 0 to 1 (used when {@code count} is 0)
 * @param count exact number of slow subscribers; 0 to use {@code fraction}
 */
public record SlowGroupSize(double fraction, int count) {

    public SlowGroupSize {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("slow fraction must be between 0 and 1, was " + fraction);
        }
        if (count < 0) {
            throw new IllegalArgumentException("slow count must not be negative, was " + count);
        }
        if (count == 0 && fraction == 0) {
            throw new IllegalArgumentException("the slow group needs a fraction above 0 or a count of at least 1");
        }
    }

    public static SlowGroupSize fraction(double fraction) {
        return new SlowGroupSize(fraction, 0);
    }

    public static SlowGroupSize count(int count) {
        return new SlowGroupSize(0, count);
    }

    /** The group's size among {@code subscribers} (at least one when a fraction is asked), before any cap. */
    public int asked(int subscribers) {
        if (count > 0) {
            return count;
        }
        return (int) Math.max(1, Math.round(fraction * subscribers));
    }

    /**
     * The group's size among {@code subscribers} spread over {@code topics}: every topic keeps at least one healthy
     * subscriber, so the group is at most {@code subscribers - topics} (fewer when topics outnumber subscribers).
     */
    public int of(int subscribers, int topics) {
        return Math.min(asked(subscribers), largest(subscribers, topics));
    }

    /** The largest group that leaves a healthy subscriber on every topic that has subscribers. */
    public static int largest(int subscribers, int topics) {
        return Math.max(0, subscribers - Math.min(subscribers, topics));
    }
}
