package dev.herd.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.clock.RunClock;
import dev.herd.engine.transport.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Oracle test (HdrHistogram's RecorderTest habit): values recorded on several event loops and sampled in
 * intervals add up to exactly the histogram a single writer would have built from the same values.
 */
class IntervalSamplerTest {

    @Test
    void perLoopRecordersSampledInIntervalsEqualOneHistogramOfTheSameValues() throws Exception {
        onLoops(3, (group, metrics, sampler) -> {
            Histogram oracle = new Histogram(LoopMetrics.HIGHEST_MICROS, LoopMetrics.SIGNIFICANT_DIGITS);
            List<EventExecutor> loops = new ArrayList<>();
            group.forEach(loops::add);
            SplittableRandom random = new SplittableRandom(7);
            long counted = 0;
            for (int round = 0; round < 5; round++) {
                for (EventExecutor loop : loops) {
                    long[] values = random.longs(2_000, 1, 5_000_000).toArray();
                    for (long v : values) {
                        oracle.recordValue(v);
                    }
                    counted += values.length;
                    LoopMetrics m = metrics.forLoop(loop);
                    loop.submit(() -> {
                        for (long v : values) {
                            m.recordMicros(HistogramId.LATENCY, v);
                            m.increment(CounterId.RECEIVED_STAMPS);
                        }
                    }).get(5, TimeUnit.SECONDS);
                }
                IntervalSnapshot s = sampler.sample("test", 0, GeneratorHealthSample.EMPTY);
                assertThat(s.histogram(HistogramId.LATENCY).getTotalCount()).isEqualTo(3 * 2_000);
                assertThat(s.delta(CounterId.RECEIVED_STAMPS)).isEqualTo(3 * 2_000);
                assertThat(s.total(CounterId.RECEIVED_STAMPS)).isEqualTo(counted);
            }
            assertThat(sampler.total(HistogramId.LATENCY)).isEqualTo(oracle);
        });
    }

    @Test
    void sampledWhileTheLoopsRecordNoValueIsLostOrCountedTwice() throws Exception {
        onLoops(2, (group, metrics, sampler) -> {
            HistogramId[] ids = {HistogramId.LATENCY, HistogramId.CONNECT_TCP, HistogramId.EVENT_LOOP_LAG};
            long[] intervals = new long[ids.length];
            List<Future<?>> writers = new ArrayList<>();
            for (EventExecutor loop : group) {
                LoopMetrics m = metrics.forLoop(loop);
                // Bursts with pauses between them, so that samples find some histograms quiet and some not.
                writers.add(loop.submit(() -> {
                    for (int burst = 0; burst < 400; burst++) {
                        for (int v = 0; v < 50; v++) {
                            m.recordMicros(ids[(burst + v) % (burst % 3 + 1)], 10 + v);
                        }
                        LockSupport.parkNanos(20_000);
                    }
                }));
            }
            while (!writers.stream().allMatch(Future::isDone)) {
                IntervalSnapshot s = sampler.sample("test", 0, GeneratorHealthSample.EMPTY);
                for (int k = 0; k < ids.length; k++) {
                    intervals[k] += s.histogram(ids[k]).getTotalCount();
                }
                sampler.totalNow(ids[(int) (System.nanoTime() % ids.length)]);
            }
            IntervalSnapshot last = sampler.sample("test", 0, GeneratorHealthSample.EMPTY);
            long all = 0;
            for (int k = 0; k < ids.length; k++) {
                intervals[k] += last.histogram(ids[k]).getTotalCount();
                assertThat(intervals[k]).as(ids[k].key()).isEqualTo(sampler.total(ids[k]).getTotalCount());
                all += intervals[k];
            }
            assertThat(all).isEqualTo(2L * 400 * 50);
        });
    }

    @Test
    void aQuietHistogramGivesEmptyIntervalsUntilItsNextValue() throws Exception {
        onLoops(1, (group, metrics, sampler) -> {
            LoopMetrics m = metrics.loops().get(0);
            group.submit(() -> m.recordMicros(HistogramId.CONNECT_TCP, 300)).get(5, TimeUnit.SECONDS);
            assertThat(sampler.sample("test", 0, GeneratorHealthSample.EMPTY).histogram(HistogramId.CONNECT_TCP)
                    .getTotalCount()).isEqualTo(1);
            for (int quiet = 0; quiet < 3; quiet++) {
                assertThat(sampler.sample("test", 0, GeneratorHealthSample.EMPTY).histogram(HistogramId.CONNECT_TCP)
                        .getTotalCount()).isZero();
            }
            group.submit(() -> {
                m.recordMicros(HistogramId.CONNECT_TCP, 700);
                m.recordMicros(HistogramId.LATENCY, 5);
            }).get(5, TimeUnit.SECONDS);
            // A stage's bracket takes one histogram; the other's value still comes in the next interval.
            assertThat(sampler.totalNow(HistogramId.CONNECT_TCP).getTotalCount()).isEqualTo(2);
            IntervalSnapshot next = sampler.sample("test", 0, GeneratorHealthSample.EMPTY);
            assertThat(next.histogram(HistogramId.CONNECT_TCP).getTotalCount()).isEqualTo(1);
            assertThat(next.histogram(HistogramId.CONNECT_TCP).getMaxValue()).isBetween(699L, 701L);
            assertThat(next.histogram(HistogramId.LATENCY).getTotalCount()).isEqualTo(1);
            assertThat(sampler.total(HistogramId.LATENCY).getTotalCount()).isEqualTo(1);
        });
    }

    @Test
    void valuesBeyondAnHourAreClampedNotLost() throws Exception {
        onLoops(1, (group, metrics, sampler) -> {
            LoopMetrics m = metrics.loops().get(0);
            group.submit(() -> {
                m.recordMicros(HistogramId.LATENCY, Long.MAX_VALUE);
                m.recordNanos(HistogramId.LATENCY, -5);
            }).get(5, TimeUnit.SECONDS);
            sampler.sample("test", 0, GeneratorHealthSample.EMPTY);
            Histogram total = sampler.total(HistogramId.LATENCY);
            assertThat(total.getTotalCount()).isEqualTo(2);
            assertThat(total.getMinValue()).isZero();
            assertThat(total.getMaxValue()).isGreaterThanOrEqualTo(LoopMetrics.HIGHEST_MICROS * 999 / 1000);
        });
    }

    /** What a test does with {@code n} event loops, their metrics and a sampler over them. */
    private interface LoopsTest {
        void run(EventLoopGroup group, RunMetrics metrics, IntervalSampler sampler) throws Exception;
    }

    private static void onLoops(int n, LoopsTest test) throws Exception {
        EventLoopGroup group = Transport.NIO.newEventLoopGroup(n, "sampler-test");
        try {
            RunMetrics metrics = new RunMetrics(group);
            test.run(group, metrics, new IntervalSampler(metrics, RunClock.start()));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
