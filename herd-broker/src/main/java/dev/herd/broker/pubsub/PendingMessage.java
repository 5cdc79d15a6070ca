package dev.herd.broker.pubsub;

import io.netty.buffer.ByteBuf;

/**
 * A published message between its sequence number and its delivery: held by the owner loop while a delay,
 * jitter or stall keeps it back. Owns one reference to {@code payload}.
 *
 * @param seq       the topic's sequence number, assigned at publish time
 * @param payload   the message body
 * @param binary    whether WebSocket subscribers get it as a binary frame (else text)
 * @param origin    the WebSocket subscriber that published it, or null
 * @param dueNanos  {@link System#nanoTime()} at which it may be delivered
 */
record PendingMessage(long seq, ByteBuf payload, boolean binary, Subscriber origin, long dueNanos) {
}
