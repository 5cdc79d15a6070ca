package dev.herd.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.clock.RunClock;
import dev.herd.engine.transport.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Oracle test (HdrHistogram's RecorderTest habit): values recorded on several event loops and sampled in
 * intervals add up to exactly the histogram a single writer would have built from the same values.
 */
class IntervalSamplerTest {

    @Test
    void perLoopRecordersSampledInIntervalsEqualOneHistogramOfTheSameValues() throws Exception {
        EventLoopGroup group = Transport.NIO.newEventLoopGroup(3, "sampler-test");
        try {
            RunMetrics metrics = new RunMetrics(group);
            IntervalSampler sampler = new IntervalSampler(metrics, RunClock.start());
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
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void valuesBeyondAnHourAreClampedNotLost() throws Exception {
        EventLoopGroup group = Transport.NIO.newEventLoopGroup(1, "sampler-test");
        try {
            RunMetrics metrics = new RunMetrics(group);
            IntervalSampler sampler = new IntervalSampler(metrics, RunClock.start());
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
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
