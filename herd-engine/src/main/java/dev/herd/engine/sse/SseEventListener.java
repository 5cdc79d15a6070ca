package dev.herd.engine.sse;

import io.netty.buffer.ByteBuf;

/**
 * Receives what {@link SseEventParser} dispatches; every buffer is a view of the parser's own, valid during the call.
 *
 * <pre>{@code
 * SseEventListener listener = new SseEventListener() {
 *     public void onEvent(ByteBuf data, ByteBuf eventType) {
 *         StampScanner.scan(data, stampListener);
 *     }
 * };
 * }</pre>
 *
 * <p>Do not retain, release or keep a reference to a buffer passed here: the parser reuses it for the next event.
 * Copy what must outlive the call.
 */
public interface SseEventListener {

    /**
     * An event was dispatched.
     *
     * @param data      the event's data: its {@code data} lines joined with LF, without a final LF
     * @param eventType the event type from the {@code event} field; empty means {@code "message"}
     */
    void onEvent(ByteBuf data, ByteBuf eventType);

    /** A {@code retry} field set the stream's reconnection time, in milliseconds. */
    default void onRetry(long millis) {
    }

    /** A comment line: the bytes after its leading colon, as sent (a leading space is kept). */
    default void onComment(ByteBuf comment) {
    }

    /**
     * A line or an event has just grown beyond one of the parser's limits; it is being dropped (the event when its
     * blank line comes, counted in {@link SseEventParser#oversizedEvents()}). Called once per such event or comment
     * line, at the moment the limit is passed, so a listener that will not wait for an endless line can give up on
     * the stream.
     */
    default void onLimitExceeded(SseLimit limit) {
    }
}
