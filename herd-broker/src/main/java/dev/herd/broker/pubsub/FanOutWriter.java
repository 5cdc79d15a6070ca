package dev.herd.broker.pubsub;

import dev.herd.broker.connection.CloseCause;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.List;

/**
 * Writes one encoded message to the subscribers of a topic on one event loop, applying the slow-subscriber
 * policy and the message-drop fault. The message is never re-encoded: each subscriber gets a retained
 * duplicate of the same bytes (its own reader index, a shared reference count), so the buffer is released
 * exactly once per subscriber that got it, plus once by its owner.
 *
 * <pre>{@code
 * writer.write(encoded, subscribers, origin); // borrows encoded: the caller still releases its reference
 * }</pre>
 */
public final class FanOutWriter {

    /** The name of the flush-consolidation handler at the head of every target pipeline. */
    public static final String FLUSH_CONSOLIDATION = "flush-consolidation";

    private final SlowSubscriberPolicy policy;
    private final long maxQueueBytes;
    private final boolean echo;
    private final BrokerCounters counters;

    public FanOutWriter(SlowSubscriberPolicy policy, long maxQueueBytes, boolean echo, BrokerCounters counters) {
        this.policy = policy;
        this.maxQueueBytes = maxQueueBytes;
        this.echo = echo;
        this.counters = counters;
    }

    /**
     * Writes and flushes {@code encoded} to each subscriber, on their (common) event loop.
     *
     * @param encoded      complete wire bytes (borrowed, not released here)
     * @param subscribers  subscribers living on the current event loop
     * @param origin       the WebSocket subscriber that published the message, skipped unless echo is on; or null
     */
    public void write(ByteBuf encoded, List<? extends Subscriber> subscribers, Subscriber origin) {
        write(encoded, subscribers, origin, false);
    }

    /** As {@link #write}, for a permessage-deflate frame: each delivery also counts as a compressed one. */
    public void writeCompressed(ByteBuf encoded, List<? extends Subscriber> subscribers, Subscriber origin) {
        write(encoded, subscribers, origin, true);
    }

    private void write(ByteBuf encoded, List<? extends Subscriber> subscribers, Subscriber origin, boolean compressed) {
        // Backwards: ending a subscriber may close it synchronously, and its removal from the shard moves the
        // last element into its slot, which this loop has already visited.
        for (int i = subscribers.size() - 1; i >= 0; i--) {
            if (i >= subscribers.size()) {
                continue;
            }
            Subscriber subscriber = subscribers.get(i);
            if ((subscriber == origin && !echo) || subscriber.isEnding() || !subscriber.channel().isActive()) {
                continue;
            }
            if (subscriber.consumeSkip()) {
                counters.recordDropped();
                continue;
            }
            writeOne(encoded, subscriber, compressed);
        }
    }

    private void writeOne(ByteBuf encoded, Subscriber subscriber, boolean compressed) {
        Channel channel = subscriber.channel();
        if (!channel.isWritable()) {
            // Flushes are coalesced per event-loop turn, and bytes written but not yet flushed count against
            // writability too: flush for real before judging a subscriber slow, or a burst would look like one.
            flushNow(channel);
        }
        if (!channel.isWritable()) {
            if (policy == SlowSubscriberPolicy.DROP) {
                counters.recordDropped();
                return;
            }
            if (pendingBytes(channel) + encoded.readableBytes() > maxQueueBytes) {
                subscriber.end(CloseCause.QUEUE_OVERFLOW);
                return;
            }
        }
        channel.writeAndFlush(encoded.retainedDuplicate(), channel.voidPromise());
        counters.recordDelivery();
        if (compressed) {
            counters.recordCompressedDelivery();
        }
    }

    /** Flushes past the flush-consolidation handler (its own context's flush goes straight to the socket). */
    private static void flushNow(Channel channel) {
        ChannelHandlerContext consolidation = channel.pipeline().context(FLUSH_CONSOLIDATION);
        if (consolidation != null) {
            consolidation.flush();
        } else {
            channel.flush();
        }
    }

    private static long pendingBytes(Channel channel) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }
}
