package dev.herd.engine.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.clock.RunClock;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.GeneratorHealthSample;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.metrics.IntervalSampler;
import dev.herd.engine.metrics.IntervalSnapshot;
import dev.herd.engine.metrics.LoopMetrics;
import dev.herd.engine.metrics.RunMetrics;
import dev.herd.engine.stamp.StampWriter;
import dev.herd.engine.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StampReceiverTest {

    private static final long RUN = 0x1234abcdL;

    private EventLoopGroup group;
    private RunMetrics metrics;
    private IntervalSampler sampler;
    private RunClock clock;
    private StampReceiver receiver;

    @BeforeEach
    void setUp() {
        group = Transport.NIO.newEventLoopGroup(1, "receiver-test");
        metrics = new RunMetrics(group);
        clock = RunClock.anchored(1_000_000_000_000L, System.nanoTime());
        sampler = new IntervalSampler(metrics, clock);
        LoopMetrics m = metrics.loops().get(0);
        receiver = new StampReceiver(clock, RUN, 2, m);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void countsEveryDeliveryExactlyAndMeasuresFromTheIntendedTime() throws Exception {
        long now = clock.nowNanos();
        receive(message(RUN, 2, 0, now - 5_000_000, now - 1_000_000));
        IntervalSnapshot first = sample();
        // Intended 5 ms and sent 1 ms before "now", received after: both measured from the same receive time.
        long latency = first.histogram(HistogramId.LATENCY).getMaxValue();
        long service = first.histogram(HistogramId.SERVICE_TIME).getMaxValue();
        assertThat(latency).isGreaterThanOrEqualTo(5_000);
        assertThat(latency - service).isBetween(3_980L, 4_020L);

        receive(message(RUN, 2, 2, now, now));                 // 1 is missing for now
        receive(message(RUN, 2, 1, now, now));                 // fills the gap: reordered
        receive(message(RUN, 2, 1, now, now));                 // duplicate: counted, not measured
        receive(wrap("{\"type\":\"msg\",\"text\":\"" + stamp(RUN, 2, 3, now, now) + "\"}"));
        receive(wrap(stamp(RUN, 2, 4, now, now) + stamp(RUN, 2, 5, now, now)));   // a batched frame
        receive(message(0x99L, 2, 0, now, now));                // another run
        receive(message(RUN, 7, 0, now, now));                  // another topic
        receive(wrap("heartbeat"));
        receive(wrap("~h1.zz~"));

        IntervalSnapshot s = sample();
        assertThat(s.total(CounterId.RECEIVED_MESSAGES)).isEqualTo(10);
        assertThat(s.total(CounterId.RECEIVED_STAMPS)).isEqualTo(6);
        assertThat(s.total(CounterId.DUPLICATED)).isEqualTo(1);
        assertThat(s.total(CounterId.REORDERED)).isEqualTo(1);
        assertThat(s.total(CounterId.OTHER_RUN_STAMPS)).isEqualTo(1);
        assertThat(s.total(CounterId.FOREIGN_TOPIC_STAMPS)).isEqualTo(1);
        assertThat(s.total(CounterId.UNSTAMPED_MESSAGES)).isEqualTo(1);
        assertThat(s.total(CounterId.MALFORMED_STAMPS)).isEqualTo(1);
        assertThat(sampler.total(HistogramId.LATENCY).getTotalCount()).isEqualTo(6);
        assertThat(receiver.tracker().unique()).isEqualTo(6);
        assertThat(receiver.tracker().lost(6)).isZero();
    }

    private void receive(ByteBuf payload) throws Exception {
        group.submit(() -> {
            try {
                receiver.onMessage(payload);
            } finally {
                payload.release();
            }
        }).get(5, TimeUnit.SECONDS);
    }

    private IntervalSnapshot sample() {
        return sampler.sample("test", 0, GeneratorHealthSample.EMPTY);
    }

    private static ByteBuf message(long run, int topic, long seq, long intended, long sent) {
        ByteBuf buf = Unpooled.buffer();
        StampWriter.write(buf, run, topic, seq, intended, sent);
        buf.writeBytes("....padding....".getBytes(StandardCharsets.US_ASCII));
        return buf;
    }

    private static String stamp(long run, int topic, long seq, long intended, long sent) {
        ByteBuf buf = Unpooled.buffer();
        StampWriter.write(buf, run, topic, seq, intended, sent);
        String s = buf.toString(StandardCharsets.US_ASCII);
        buf.release();
        return s;
    }

    private static ByteBuf wrap(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
