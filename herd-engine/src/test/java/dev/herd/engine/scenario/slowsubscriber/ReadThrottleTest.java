package dev.herd.engine.scenario.slowsubscriber;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
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
    private final ReadLimit limit = new ReadLimit();
    private EmbeddedChannel channel;

    /** The size of the buffer the session's next socket read would fill. */
    private int nextReadBytes() {
        ByteBuf buffer = limit.newHandle().allocate(UnpooledByteBufAllocator.DEFAULT);
        try {
            return buffer.writableBytes();
        } finally {
            buffer.release();
        }
    }

    @BeforeEach
    void open() {
        channel = new EmbeddedChannel(counter);
        channel.freezeTime();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aStallStopsReadingUntilReleased() {
        ReadThrottle stall = new ReadThrottle(0, limit);
        int adaptive = nextReadBytes();
        stall.apply(channel);
        int reads = counter.reads;
        channel.advanceTimeBy(5, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(counter.reads).isEqualTo(reads);
        assertThat(nextReadBytes()).isEqualTo(adaptive);

        stall.release();
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(counter.reads).isGreaterThan(reads);
    }

    @Test
    void aReadRateIsOneSmallFixedReadPerPeriodAndNothingElseReads() {
        ReadThrottle slow = new ReadThrottle(1024, limit);
        int adaptive = nextReadBytes();
        slow.apply(channel);
        // Next to the socket, behind the throttle's gate: counts the reads that really happen.
        ReadCounter socketReads = new ReadCounter();
        channel.pipeline().addFirst(socketReads);
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.config().isAutoRead()).isFalse();
        // 1024 B/s as reads of 102 B about every 100 ms: 10 reads, 1020 bytes in the second.
        assertThat(nextReadBytes()).isEqualTo(102);
        assertThat(socketReads.reads).isEqualTo(10);

        // A decoder holding half a message asks for more at once: it waits for the next period.
        channel.pipeline().read();
        assertThat(socketReads.reads).isEqualTo(10);

        slow.release();
        channel.pipeline().remove(socketReads);
        int afterRelease = counter.reads;
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(counter.reads).isEqualTo(afterRelease);
        assertThat(nextReadBytes()).isEqualTo(adaptive);
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(channel.pipeline().get(ReadGate.NAME)).isNull();
    }

    @Test
    void aNewConnectionOfTheSameSubscriberReplacesTheOld() {
        ReadThrottle stall = new ReadThrottle(0, limit);
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
