package dev.herd.broker.pubsub;

import dev.herd.broker.connection.CloseCause;
import dev.herd.broker.connection.ConnectionKind;
import dev.herd.broker.connection.ConnectionRegistry;
import dev.herd.broker.sse.ReplaySlice;
import dev.herd.broker.sse.SseEventEncoder;
import dev.herd.broker.sse.SseReplayBuffer;
import dev.herd.broker.ws.WsDeflatePreEncoder;
import dev.herd.broker.ws.WsFramePreEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic's state, owned by one event loop (chosen by the hash of its name). Everything here runs on that
 * owner loop, so there is no lock on the message path: the owner assigns sequence numbers, holds delayed
 * messages, encodes each message once, appends it to the replay buffer and hands it to every loop that has
 * subscribers of the topic in one task per loop.
 *
 * <p>No gap, no duplicate between replay and live: a subscriber is registered here, its replay is cut here, and
 * its activation is queued on its loop here, all in one owner task; every later message reaches that loop in a
 * task queued after the activation, and a loop runs the tasks one thread queued in the order they were queued.
 */
final class Topic {

    private static final Logger log = LoggerFactory.getLogger(Topic.class);

    private final String name;
    private final EventLoop owner;
    private final EventLoop[] loops;
    private final TopicShard[] shards;
    /** Subscribers registered per loop, as seen by the owner: which loops need a task per message. */
    private final int[] subscribersPerLoop;
    private final LinkedHashSet<Subscriber> bySubscribeOrder = new LinkedHashSet<>();
    private final SseReplayBuffer replay;
    private final DeliveryQueue queue;
    private final FanOutWriter writer;
    private final ByteBufAllocator alloc;
    /** The owner loop's compressor, shared by the topics it owns. */
    private final WsDeflatePreEncoder deflater;
    private int wsSubscribers;
    private int wsDeflateSubscribers;
    private long lastSeq;
    private long lastDispatched;
    private boolean disposed;

    Topic(String name, EventLoop owner, EventLoop[] loops, BrokerConfig config, DeliveryGate gate,
          FanOutWriter writer, ByteBufAllocator alloc, WsDeflatePreEncoder deflater) {
        this.name = name;
        this.owner = owner;
        this.loops = loops;
        this.shards = new TopicShard[loops.length];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new TopicShard();
        }
        this.subscribersPerLoop = new int[loops.length];
        this.replay = new SseReplayBuffer(config.replaySize());
        this.queue = new DeliveryQueue(owner, gate, config.delayNanos(), config.jitterNanos(), this::dispatch);
        this.writer = writer;
        this.alloc = alloc;
        this.deflater = deflater;
    }

    String name() {
        return name;
    }

    EventLoop owner() {
        return owner;
    }

    /** Assigns the next sequence number, reports it, and queues the message for delivery. Owns {@code payload}. */
    void publish(ByteBuf payload, boolean binary, Subscriber origin, LongConsumer onSequenced) {
        if (disposed) {
            payload.release();
            return;
        }
        long seq = ++lastSeq;
        if (onSequenced != null) {
            onSequenced.accept(seq);
        }
        long now = System.nanoTime();
        queue.offer(new PendingMessage(seq, payload, binary, origin, queue.dueNanos(now)), now);
    }

    /** Registers {@code subscriber} (living on loop {@code loopIndex}) and queues its activation there. */
    void subscribe(Subscriber subscriber, int loopIndex, long lastEventId) {
        if (disposed) {
            executeOrRun(loops[loopIndex], () -> subscriber.channel().close(), () -> { });
            return;
        }
        bySubscribeOrder.add(subscriber);
        subscribersPerLoop[loopIndex]++;
        countWs(subscriber, 1);
        ReplaySlice slice = lastEventId >= 0 ? replay.since(lastEventId, lastDispatched) : ReplaySlice.NONE;
        executeOrRun(loops[loopIndex], () -> activate(subscriber, loopIndex, slice), slice::release);
    }

    /** On the subscriber's loop: start it and, once it runs, deliver to it until its channel closes. */
    private void activate(Subscriber subscriber, int loopIndex, ReplaySlice slice) {
        boolean active;
        try {
            active = subscriber.activate(slice);
        } catch (RuntimeException e) {
            log.warn("cannot start subscriber {} of {}", subscriber.describe(), name, e);
            ConnectionRegistry.closeWith(subscriber.channel(), CloseCause.ERROR);
            active = false;
        }
        if (!active) {
            executeOrRun(owner, () -> unsubscribe(subscriber, loopIndex), () -> { });
            return;
        }
        TopicShard shard = shards[loopIndex];
        shard.add(subscriber);
        subscriber.channel().closeFuture().addListener(f -> {
            shard.remove(subscriber);
            executeOrRun(owner, () -> unsubscribe(subscriber, loopIndex), () -> { });
        });
    }

    /** Forgets a subscriber whose channel closed; idempotent. */
    void unsubscribe(Subscriber subscriber, int loopIndex) {
        if (!bySubscribeOrder.remove(subscriber)) {
            return;
        }
        subscribersPerLoop[loopIndex]--;
        countWs(subscriber, -1);
    }

    /** WebSocket subscribers by form: which frames a message needs (plain, compressed or both). */
    private void countWs(Subscriber subscriber, int delta) {
        if (subscriber.kind() != ConnectionKind.WS) {
            return;
        }
        if (subscriber.deflate()) {
            wsDeflateSubscribers += delta;
        } else {
            wsSubscribers += delta;
        }
    }

    /** The subscriber that subscribed first among those still connected, or null. */
    Subscriber firstSubscriber() {
        Iterator<Subscriber> it = bySubscribeOrder.iterator();
        return it.hasNext() ? it.next() : null;
    }

    /** Releases everything this topic holds; later publishes are released on arrival. */
    void dispose() {
        disposed = true;
        queue.discard();
        replay.release();
    }

    /**
     * Encodes a due message once per form (the SSE chunk; the WebSocket frame plain, compressed, or both, as
     * the topic's subscribers need), keeps it for replay, and hands it to each loop with subscribers.
     */
    private void dispatch(PendingMessage message) {
        ByteBuf payload = message.payload();
        EncodedMessage encoded;
        ByteBuf sseChunk = null;
        ByteBuf wsFrame = null;
        try {
            sseChunk = SseEventEncoder.encodeEvent(alloc, message.seq(), payload);
            wsFrame = wsSubscribers > 0 ? WsFramePreEncoder.encode(alloc, message.binary(), payload) : null;
            ByteBuf wsDeflateFrame = wsDeflateSubscribers > 0 ? deflater.encode(alloc, message.binary(), payload) : null;
            encoded = new EncodedMessage(message.seq(), wsFrame, wsDeflateFrame, sseChunk, message.origin());
        } catch (RuntimeException e) {
            release(sseChunk);
            release(wsFrame);
            throw e;
        } finally {
            payload.release();
        }
        lastDispatched = message.seq();
        replay.append(message.seq(), encoded.sseChunk().retain());
        for (int i = 0; i < loops.length; i++) {
            if (subscribersPerLoop[i] == 0) {
                continue;
            }
            TopicShard shard = shards[i];
            encoded.retain();
            executeOrRun(loops[i], () -> shard.deliver(encoded, writer), encoded::release);
        }
        encoded.release();
    }

    private static void release(ByteBuf buffer) {
        if (buffer != null) {
            buffer.release();
        }
    }

    /**
     * Always queues, even on the owner's own loop: activations and deliveries must reach each loop in the
     * order the owner issued them, and running one inline would let it overtake a queued one.
     * {@code onRejected} releases what the task would have, when the loop is shutting down.
     */
    static void executeOrRun(EventLoop loop, Runnable task, Runnable onRejected) {
        try {
            loop.execute(task);
        } catch (RuntimeException rejected) { // the loop is shutting down
            onRejected.run();
        }
    }
}
