package dev.herd.broker.pubsub;

import dev.herd.broker.ws.WsDeflatePreEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongConsumer;

/**
 * The broker: topics by name, each created on first use and owned by one event loop. The only entry point
 * for publishing and subscribing; safe to call from any thread (work hops to the topic's owner loop).
 *
 * <pre>{@code
 * registry.publish("news", body.retain(), false, null, seq -> reply(seq));
 * registry.subscribe("news", subscriber, lastEventId);   // subscriber.activate(...) follows on its loop
 * }</pre>
 *
 * <p>Topics are never removed: their sequence numbers and replay buffers outlive every connection, restarts
 * included.
 */
public final class TopicRegistry {

    private final EventLoop[] loops;
    private final Map<EventLoop, Integer> loopIndex = new IdentityHashMap<>();
    private final ConcurrentMap<String, Topic> topics = new ConcurrentHashMap<>();
    private final BrokerConfig config;
    private final BrokerCounters counters;
    private final DeliveryGate gate = new DeliveryGate();
    private final FanOutWriter writer;
    private final ByteBufAllocator alloc;
    /** One compressor per loop, used only on it by the topics it owns. */
    private final WsDeflatePreEncoder[] deflaters;
    private volatile boolean disposed;

    public TopicRegistry(EventLoopGroup group, BrokerConfig config, BrokerCounters counters, ByteBufAllocator alloc) {
        List<EventLoop> list = new ArrayList<>();
        for (EventExecutor executor : group) {
            list.add((EventLoop) executor);
        }
        this.loops = list.toArray(new EventLoop[0]);
        for (int i = 0; i < loops.length; i++) {
            loopIndex.put(loops[i], i);
        }
        this.config = config;
        this.counters = counters;
        this.writer = new FanOutWriter(config.slowPolicy(), config.maxQueueBytes(), config.echo(), counters);
        this.alloc = alloc;
        this.deflaters = new WsDeflatePreEncoder[loops.length];
        for (int i = 0; i < loops.length; i++) {
            deflaters[i] = new WsDeflatePreEncoder();
        }
    }

    /**
     * Publishes {@code payload} (ownership passes to the registry) to {@code topic}. {@code onSequenced}, if
     * not null, gets the message's sequence number on the topic's owner loop.
     *
     * @param origin  the WebSocket subscriber that sent it (not sent back to it unless echo), or null
     */
    public void publish(String topic, ByteBuf payload, boolean binary, Subscriber origin, LongConsumer onSequenced) {
        if (disposed) {
            payload.release();
            return;
        }
        counters.recordIn();
        Topic t = topic(topic);
        try {
            t.owner().execute(() -> t.publish(payload, binary, origin, onSequenced));
        } catch (RuntimeException rejected) { // shutting down
            payload.release();
        }
    }

    /**
     * Subscribes; {@link Subscriber#activate} then runs on the subscriber's loop with the events after
     * {@code lastEventId} ({@code -1}: no replay), before any live message.
     */
    public void subscribe(String topic, Subscriber subscriber, long lastEventId) {
        Integer index = loopIndex.get(subscriber.channel().eventLoop());
        if (index == null || disposed) {
            subscriber.channel().close();
            return;
        }
        Topic t = topic(topic);
        Topic.executeOrRun(t.owner(), () -> t.subscribe(subscriber, index, lastEventId), subscriber.channel()::close);
    }

    /**
     * The message-drop fault: the next {@code count} deliveries of {@code topic} to the subscriber that
     * subscribed to it first (among those still connected) are skipped. Completes with that subscriber's
     * {@link Subscriber#describe() description}, or empty when the topic has no subscriber.
     */
    public CompletableFuture<Optional<String>> skipDeliveries(String topic, int count) {
        CompletableFuture<Optional<String>> result = new CompletableFuture<>();
        Topic t = topic(topic);
        Topic.executeOrRun(t.owner(), () -> {
            Subscriber first = t.firstSubscriber();
            if (first == null) {
                result.complete(Optional.empty());
                return;
            }
            // Queued on the subscriber's loop by the owner: it precedes every later delivery from the owner.
            Topic.executeOrRun(first.channel().eventLoop(), () -> first.skipNext(count), () -> { });
            result.complete(Optional.of(first.describe()));
        }, () -> result.complete(Optional.empty()));
        return result;
    }

    /** The stall switch shared by every topic. */
    public DeliveryGate gate() {
        return gate;
    }

    public int topicCount() {
        return topics.size();
    }

    /** Releases every topic's buffers on its owner loop; call before shutting the loops down. */
    public CompletableFuture<Void> dispose() {
        disposed = true;
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (Topic t : topics.values()) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            try {
                t.owner().execute(() -> {
                    t.dispose();
                    f.complete(null);
                });
            } catch (RuntimeException rejected) {
                f.complete(null);
            }
            done.add(f);
        }
        for (int i = 0; i < loops.length; i++) {
            // Queued after every topic's disposal on the same loop, so no topic compresses after its close.
            CompletableFuture<Void> f = new CompletableFuture<>();
            WsDeflatePreEncoder deflater = deflaters[i];
            Topic.executeOrRun(loops[i], () -> {
                deflater.close();
                f.complete(null);
            }, () -> f.complete(null));
            done.add(f);
        }
        return CompletableFuture.allOf(done.toArray(CompletableFuture<?>[]::new));
    }

    public BrokerConfig config() {
        return config;
    }

    private Topic topic(String name) {
        return topics.computeIfAbsent(name, n -> {
            int ownerIndex = Math.floorMod(n.hashCode(), loops.length);
            return new Topic(n, loops[ownerIndex], loops, config, gate, writer, alloc, deflaters[ownerIndex]);
        });
    }
}
