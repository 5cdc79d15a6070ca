package dev.herd.broker.pubsub;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Holds one topic's messages until they are due: after {@code delay + jitter}, and not during a stall.
 * Lives on the topic's owner loop; its one timer is scheduled there.
 *
 * <p>Ordering: a message's due time is {@code max(publish + delay + random[0, jitter), due time of the
 * message before it)}, so a topic never delivers a message before the one published ahead of it; jitter
 * therefore delays, and never reorders. With no delay, jitter or stall, a message is dispatched at once and
 * the queue stays empty.
 */
final class DeliveryQueue {

    private final EventLoop owner;
    private final DeliveryGate gate;
    private final long delayNanos;
    private final long jitterNanos;
    private final Consumer<PendingMessage> dispatcher;
    private final ArrayDeque<PendingMessage> pending = new ArrayDeque<>();
    private long lastDueNanos = Long.MIN_VALUE;
    private ScheduledFuture<?> timer;

    DeliveryQueue(EventLoop owner, DeliveryGate gate, long delayNanos, long jitterNanos,
                  Consumer<PendingMessage> dispatcher) {
        this.owner = owner;
        this.gate = gate;
        this.delayNanos = delayNanos;
        this.jitterNanos = jitterNanos;
        this.dispatcher = dispatcher;
    }

    /** The due time of a message published at {@code nowNanos}; call once per message, in publish order. */
    long dueNanos(long nowNanos) {
        long due = nowNanos + delayNanos;
        if (jitterNanos > 0) {
            due += ThreadLocalRandom.current().nextLong(jitterNanos);
        }
        if (lastDueNanos != Long.MIN_VALUE && due - lastDueNanos < 0) {
            due = lastDueNanos; // never overtake the message published before
        }
        lastDueNanos = due;
        return due;
    }

    /** Dispatches {@code message} now if it is due and nothing waits ahead of it, else holds it. */
    void offer(PendingMessage message, long nowNanos) {
        if (pending.isEmpty() && message.dueNanos() - nowNanos <= 0 && !gate.isStalled(nowNanos)) {
            dispatcher.accept(message);
            return;
        }
        pending.addLast(message);
        arm(nowNanos);
    }

    /** Releases every held message; the topic is going away. */
    void discard() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        PendingMessage message;
        while ((message = pending.pollFirst()) != null) {
            message.payload().release();
        }
    }

    private void drain() {
        timer = null;
        long now = System.nanoTime();
        PendingMessage head;
        while ((head = pending.peekFirst()) != null && head.dueNanos() - now <= 0 && !gate.isStalled(now)) {
            pending.pollFirst();
            dispatcher.accept(head);
        }
        if (!pending.isEmpty()) {
            arm(now);
        }
    }

    private void arm(long nowNanos) {
        if (timer != null) {
            return; // the armed timer re-arms for whatever is left when it fires
        }
        long wake = pending.peekFirst().dueNanos();
        if (gate.isStalled(nowNanos) && gate.stalledUntilNanos() - wake > 0) {
            wake = gate.stalledUntilNanos();
        }
        timer = owner.schedule(this::drain, Math.max(0, wake - nowNanos), TimeUnit.NANOSECONDS);
    }
}
