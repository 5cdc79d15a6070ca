package dev.herd.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.clock.RunClock;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.LoopMetrics;
import dev.herd.engine.schedule.PublishSchedule;
import dev.herd.engine.testing.OneEventLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A publisher far behind its schedule, on a real event loop: it sends every overdue message, but a batch at a time,
 * handing the loop back between batches so the loop's timers and I/O (the subscribers' sockets it shares the loop
 * with) are not held up until the whole backlog is out.
 */
class TopicPublisherTest {

    private static final int RATE = 10_000;

    @RegisterExtension
    final OneEventLoop oneLoop = new OneEventLoop();
    private final EventLoop loop = oneLoop.get();
    private final LoopMetrics metrics = new LoopMetrics(0);
    private final CountingOutlet outlet = new CountingOutlet();

    @Test
    void aTimerDueWhenABehindPublisherStartsRunsAfterOneBatchNotAfterTheWholeBacklog() throws Exception {
        TopicPublisher publisher = secondOfBacklog();
        long[] sentWhenTimerRan = {-1};
        loop.submit(() -> {
            loop.schedule(() -> sentWhenTimerRan[0] = outlet.offered, 0, TimeUnit.NANOSECONDS);
            publisher.run();
        }).sync();
        awaitFinished(publisher);

        assertThat(loop.submit(() -> sentWhenTimerRan[0]).get()).isEqualTo(TopicPublisher.BATCH);
        assertThat(loop.submit(() -> outlet.offered).get()).isEqualTo(RATE);
        assertThat(loop.submit(() -> outlet.flushes).get()).isGreaterThanOrEqualTo(RATE / TopicPublisher.BATCH);
        assertThat(metrics.counter(CounterId.PUBLISH_SKIPPED)).isZero();
    }

    /** One topic, RATE messages a second, for the second that ended just now: every message is overdue. */
    private TopicPublisher secondOfBacklog() {
        long end = System.nanoTime();
        long start = end - TimeUnit.SECONDS.toNanos(1);
        return new TopicPublisher(new PublishSchedule(start, RATE), 0, 1, end, outlet, loop, metrics,
                RunClock.start());
    }

    private void awaitFinished(TopicPublisher publisher) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!publisher.finished() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(publisher.finished()).as("the publisher reached its schedule's end").isTrue();
    }

    /** Counts what the publisher hands over; the loop's thread only. */
    private static final class CountingOutlet implements PublishOutlet {
        long offered;
        long flushes;

        @Override
        public boolean offer(int topicIndex, long intendedEpochNanos) {
            offered++;
            return true;
        }

        @Override
        public void flush() {
            flushes++;
        }
    }
}
