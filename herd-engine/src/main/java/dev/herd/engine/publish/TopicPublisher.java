package dev.herd.engine.publish;

import dev.herd.engine.clock.RunClock;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.LoopMetrics;
import dev.herd.engine.schedule.PublishSchedule;
import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Publishes one topic's share of an open-model schedule: the run's message {@code k} is due at
 * {@code schedule.intendedNanos(k)} whatever happened before, and this topic owns every {@code k} with
 * {@code k % topics == topicIndex}. When the publisher falls behind, messages go out late but keep their
 * intended time, so latency includes the wait (no coordinated omission). A slot whose time comes while
 * no connection is open is skipped and counted, not published.
 *
 * <pre>{@code
 * TopicPublisher p = new TopicPublisher(schedule, 3, 10, endNanos, outlet, loop, metrics, clock);
 * p.start();
 * }</pre>
 */
public final class TopicPublisher implements Runnable {

    /** Messages sent per turn before yielding the loop to I/O. */
    static final int BATCH = 256;

    private final PublishSchedule schedule;
    private final int topicIndex;
    private final int topicCount;
    private final long endNanos;
    private final PublishOutlet outlet;
    private final EventLoop loop;
    private final LoopMetrics metrics;
    private final RunClock clock;
    private long slot;
    private volatile boolean finished;
    private volatile boolean stopped;

    public TopicPublisher(PublishSchedule schedule, int topicIndex, int topicCount, long endNanos,
                          PublishOutlet outlet, EventLoop loop, LoopMetrics metrics, RunClock clock) {
        this.schedule = schedule;
        this.topicIndex = topicIndex;
        this.topicCount = topicCount;
        this.endNanos = endNanos;
        this.outlet = outlet;
        this.loop = loop;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void start() {
        loop.execute(this);
    }

    /**
     * Stops before the schedule's end (Ctrl-C, abort, the end of a run whose publisher fell behind), from any
     * thread. The publisher finishes on its next turn, which this queues at once rather than waiting for a timer
     * that may be far off.
     */
    public void stop() {
        stopped = true;
        try {
            loop.execute(this);
        } catch (RejectedExecutionException e) {
            finished = true; // the loop is gone: nothing more can be sent
        }
    }

    /** True once every slot before the end has been sent or skipped (or after {@link #stop}). */
    public boolean finished() {
        return finished;
    }

    @Override
    public void run() {
        if (stopped) {
            finished = true;
            outlet.flush();
            return;
        }
        long now = System.nanoTime();
        for (int sentThisTurn = 0; ; ) {
            long k = slot * topicCount + topicIndex;
            long intended = schedule.intendedNanos(k);
            if (intended >= endNanos) {
                outlet.flush();
                finished = true;
                return;
            }
            if (intended > now) {
                outlet.flush();
                loop.schedule(this, intended - now, TimeUnit.NANOSECONDS);
                return;
            }
            if (!outlet.offer(topicIndex, clock.toEpochNanos(intended))) {
                metrics.increment(CounterId.PUBLISH_SKIPPED);
            }
            slot++;
            if (++sentThisTurn == BATCH) {
                outlet.flush();
                // Not execute(): Netty runs a task queued from a task in the same round, before any I/O, so a
                // publisher behind its schedule would keep the loop from reading its subscribers' sockets.
                loop.schedule(this, 0, TimeUnit.NANOSECONDS);
                return;
            }
        }
    }
}
