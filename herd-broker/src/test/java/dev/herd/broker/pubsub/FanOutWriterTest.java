package dev.herd.broker.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.connection.CloseCause;
import dev.herd.broker.connection.ConnectionKind;
import dev.herd.broker.sse.ReplaySlice;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FanOutWriterTest {

    private final BrokerCounters counters = new BrokerCounters();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() {
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void oneEncodedBufferReachesEverySubscriberAsIdenticalBytesAndIsReleasedOncePerSubscriber() {
        List<TestSubscriber> subscribers = subscribers(3);
        ByteBuf encoded = encoded("the same bytes for everyone");
        new FanOutWriter(SlowSubscriberPolicy.BUFFER, 1 << 20, false, counters).write(encoded, subscribers, null);

        assertThat(encoded.refCnt()).isEqualTo(1 + 3); // the owner's reference plus one per subscriber
        encoded.release();
        for (TestSubscriber subscriber : subscribers) {
            ByteBuf written = subscriber.channel.readOutbound();
            assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("the same bytes for everyone");
            assertThat(ByteBufUtil.equals(written, encoded.duplicate().setIndex(0, written.readableBytes()))).isTrue();
            written.release();
            assertThat(subscriber.channel.<Object>readOutbound()).isNull();
        }
        assertThat(encoded.refCnt()).isZero();
        assertThat(counters.deliveries()).isEqualTo(3);
        assertThat(counters.dropped()).isZero();
    }

    @Test
    void dropPolicySkipsAnUnwritableSubscriberAndReleasesInsteadOfWriting() {
        List<TestSubscriber> subscribers = subscribers(2);
        TestSubscriber slow = subscribers.get(1);
        slow.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        assertThat(slow.channel.isWritable()).isFalse();

        ByteBuf encoded = encoded("m");
        new FanOutWriter(SlowSubscriberPolicy.DROP, 1 << 20, false, counters).write(encoded, subscribers, null);
        assertThat(encoded.refCnt()).isEqualTo(2); // the owner's and the healthy subscriber's
        encoded.release();

        ByteBuf healthy = subscribers.get(0).channel.readOutbound();
        healthy.release();
        assertThat(slow.channel.<Object>readOutbound()).isNull();
        assertThat(encoded.refCnt()).isZero();
        assertThat(counters.dropped()).isEqualTo(1);
        assertThat(counters.deliveries()).isEqualTo(1);
        assertThat(slow.channel.isOpen()).isTrue();
    }

    @Test
    void bufferPolicyEndsASubscriberWhoseQueueWouldPassMaxQueueBytes() {
        TestSubscriber slow = stalledSubscriber();
        List<TestSubscriber> subscribers = List.of(slow);
        slow.channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[100_000])); // flushed, never read: unwritable
        assertThat(slow.channel.isWritable()).isFalse();

        ByteBuf encoded = encoded("one more");
        new FanOutWriter(SlowSubscriberPolicy.BUFFER, 100_000, false, counters).write(encoded, subscribers, null);
        encoded.release();

        assertThat(slow.endedWith).isEqualTo(CloseCause.QUEUE_OVERFLOW);
        assertThat(encoded.refCnt()).isZero();
        assertThat(counters.deliveries()).isZero();
    }

    @Test
    void bufferPolicyKeepsWritingToAnUnwritableSubscriberBelowMaxQueueBytes() {
        TestSubscriber slow = stalledSubscriber();
        List<TestSubscriber> subscribers = List.of(slow);
        slow.channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[100_000]));
        assertThat(slow.channel.isWritable()).isFalse();

        ByteBuf encoded = encoded("still queued");
        new FanOutWriter(SlowSubscriberPolicy.BUFFER, 1 << 20, false, counters).write(encoded, subscribers, null);
        encoded.release();

        assertThat(slow.endedWith).isNull();
        assertThat(counters.deliveries()).isEqualTo(1);
        assertThat(slow.channel.unsafe().outboundBuffer().totalPendingWriteBytes()).isGreaterThanOrEqualTo(100_000 + 12);
        // The queued duplicate still holds the message; closing the channel releases it.
        assertThat(encoded.refCnt()).isEqualTo(1);
        slow.channel.close();
        assertThat(encoded.refCnt()).isZero();
    }

    @Test
    void burstOfUnflushedWritesToAHealthySubscriberIsFlushedNotDropped() {
        // Flushes are coalesced per event-loop turn: bytes written but not flushed yet make a healthy subscriber
        // unwritable for a moment. The writer flushes before judging it slow.
        List<TestSubscriber> subscribers = subscribers(1);
        TestSubscriber healthy = subscribers.get(0);
        healthy.channel.write(Unpooled.wrappedBuffer(new byte[100_000]));
        assertThat(healthy.channel.isWritable()).isFalse();

        ByteBuf encoded = encoded("not dropped");
        new FanOutWriter(SlowSubscriberPolicy.DROP, 1 << 20, false, counters).write(encoded, subscribers, null);
        encoded.release();

        assertThat(counters.dropped()).isZero();
        assertThat(counters.deliveries()).isEqualTo(1);
        ByteBuf burst = healthy.channel.readOutbound();
        burst.release();
        ByteBuf written = healthy.channel.readOutbound();
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("not dropped");
        written.release();
        assertThat(encoded.refCnt()).isZero();
    }

    @Test
    void thePublishingSubscriberIsSkippedUnlessEcho() {
        List<TestSubscriber> subscribers = subscribers(2);
        TestSubscriber origin = subscribers.get(0);

        ByteBuf encoded = encoded("mine");
        new FanOutWriter(SlowSubscriberPolicy.BUFFER, 1 << 20, false, counters).write(encoded, subscribers, origin);
        assertThat(origin.channel.<Object>readOutbound()).isNull();
        ((ByteBuf) subscribers.get(1).channel.readOutbound()).release();

        new FanOutWriter(SlowSubscriberPolicy.BUFFER, 1 << 20, true, counters).write(encoded, subscribers, origin);
        ((ByteBuf) origin.channel.readOutbound()).release();
        ((ByteBuf) subscribers.get(1).channel.readOutbound()).release();
        encoded.release();
        assertThat(encoded.refCnt()).isZero();
        assertThat(counters.deliveries()).isEqualTo(3);
    }

    @Test
    void messageDropFaultSkipsExactlyTheNextKDeliveriesOfOneSubscriber() {
        List<TestSubscriber> subscribers = subscribers(2);
        TestSubscriber victim = subscribers.get(0);
        victim.skipNext(2);
        FanOutWriter writer = new FanOutWriter(SlowSubscriberPolicy.BUFFER, 1 << 20, false, counters);
        for (int i = 1; i <= 4; i++) {
            ByteBuf encoded = encoded("m" + i);
            writer.write(encoded, subscribers, null);
            encoded.release();
        }
        assertThat(drainText(victim.channel)).containsExactly("m3", "m4");
        assertThat(drainText(subscribers.get(1).channel)).containsExactly("m1", "m2", "m3", "m4");
        assertThat(counters.dropped()).isEqualTo(2);
        assertThat(counters.deliveries()).isEqualTo(6);
    }

    private List<TestSubscriber> subscribers(int count) {
        List<TestSubscriber> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EmbeddedChannel channel = new EmbeddedChannel();
            channels.add(channel);
            result.add(new TestSubscriber(channel));
        }
        return result;
    }

    /** A subscriber whose peer never reads: what is flushed stays pending in the outbound buffer. */
    private TestSubscriber stalledSubscriber() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                // Writes still queued when the channel closes fail; that is how a stalled peer ends.
                if (!(cause instanceof ClosedChannelException)) {
                    ctx.fireExceptionCaught(cause);
                }
            }
        }) {
            @Override
            protected void doWrite(ChannelOutboundBuffer in) {
                // the peer reads nothing: every flushed byte stays queued, as on a full socket
            }
        };
        channels.add(channel);
        return new TestSubscriber(channel);
    }

    private static ByteBuf encoded(String text) {
        return PooledByteBufAllocator.DEFAULT.buffer().writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> drainText(EmbeddedChannel channel) {
        List<String> texts = new ArrayList<>();
        ByteBuf written;
        while ((written = channel.readOutbound()) != null) {
            texts.add(written.toString(StandardCharsets.UTF_8));
            written.release();
        }
        return texts;
    }

    /** A subscriber on an embedded channel that records how it was ended. */
    private static final class TestSubscriber extends Subscriber {
        final EmbeddedChannel channel;
        CloseCause endedWith;

        TestSubscriber(EmbeddedChannel channel) {
            super(channel, ConnectionKind.WS, "t");
            this.channel = channel;
        }

        @Override
        protected boolean activate(ReplaySlice replay) {
            replay.release();
            return true;
        }

        @Override
        protected Object farewell(CloseCause cause) {
            endedWith = cause;
            return Unpooled.EMPTY_BUFFER;
        }
    }
}
