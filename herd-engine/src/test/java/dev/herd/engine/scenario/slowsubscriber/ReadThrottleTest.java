package dev.herd.engine.scenario.slowsubscriber;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadThrottleTest {

    /** Counts the reads asked of the channel. */
    private static final class ReadCounter extends ChannelOutboundHandlerAdapter {
        int reads;

        @Override
        public void read(ChannelHandlerContext ctx) {
            reads++;
            ctx.read();
        }
    }

    private final ReadCounter counter = new ReadCounter();
    private EmbeddedChannel channel;
    private RecvByteBufAllocator original;

    private RecvByteBufAllocator allocator() {
        return channel.config().getRecvByteBufAllocator();
    }

    @BeforeEach
    void open() {
        channel = new EmbeddedChannel(counter);
        channel.freezeTime();
        original = channel.config().getRecvByteBufAllocator();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aStallStopsReadingUntilReleased() {
        ReadThrottle stall = new ReadThrottle(0);
        stall.apply(channel);
        int reads = counter.reads;
        channel.advanceTimeBy(5, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(counter.reads).isEqualTo(reads);
        assertThat(allocator()).isSameAs(original);

        stall.release();
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(counter.reads).isGreaterThan(reads);
    }

    @Test
    void aReadRateIsOneSmallFixedReadPerPeriod() {
        ReadThrottle slow = new ReadThrottle(1024);
        slow.apply(channel);
        int reads = counter.reads;
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(allocator()).isInstanceOf(FixedRecvByteBufAllocator.class);
        int bytesPerRead = allocator().newHandle().guess();
        // 1024 B/s as reads of 102 B about every 100 ms: 10 reads, 1020 bytes in the second.
        assertThat(bytesPerRead).isEqualTo(102);
        assertThat(counter.reads - reads).isEqualTo(10);

        slow.release();
        int afterRelease = counter.reads;
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(counter.reads).isEqualTo(afterRelease);
        assertThat(allocator()).isSameAs(original);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aNewConnectionOfTheSameSubscriberReplacesTheOld() {
        ReadThrottle stall = new ReadThrottle(0);
        EmbeddedChannel next = new EmbeddedChannel();
        try {
            stall.apply(channel);
            stall.apply(next);

            assertThat(channel.config().isAutoRead()).isTrue();
            assertThat(next.config().isAutoRead()).isFalse();
        } finally {
            next.finishAndReleaseAll();
        }
    }
}
