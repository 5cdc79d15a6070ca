package dev.herd.engine.metrics;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link LoopMetrics} of every event loop of a run, looked up by loop when a handler is added
 * (never per message).
 *
 * <pre>{@code
 * RunMetrics metrics = new RunMetrics(group);
 * LoopMetrics mine = metrics.forLoop(channel.eventLoop());
 * }</pre>
 */
public final class RunMetrics {

    private final Map<EventExecutor, LoopMetrics> byLoop = new IdentityHashMap<>();
    private final List<LoopMetrics> all = new ArrayList<>();

    public RunMetrics(EventLoopGroup group) {
        int index = 0;
        for (EventExecutor loop : group) {
            LoopMetrics metrics = new LoopMetrics(index++);
            byLoop.put(loop, metrics);
            all.add(metrics);
        }
    }

    /** The metrics of {@code loop}; the loop must belong to the run's group. */
    public LoopMetrics forLoop(EventExecutor loop) {
        LoopMetrics metrics = byLoop.get(loop);
        if (metrics == null) {
            throw new IllegalArgumentException("not an event loop of this run: " + loop);
        }
        return metrics;
    }

    public List<LoopMetrics> loops() {
        return Collections.unmodifiableList(all);
    }

    /** Sum of a counter over all loops (reporter side). */
    public long counter(CounterId id) {
        long sum = 0;
        for (LoopMetrics m : all) {
            sum += m.counter(id);
        }
        return sum;
    }
}
