package dev.herd.broker.connection;

import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.Locale;

/**
 * Why a connection closed, as counted under {@code connections.closed} in {@code /stats}. The first cause
 * recorded for a channel wins; a channel closed with no cause recorded counts as {@link #CLIENT}.
 */
public enum CloseCause {
    /** The peer closed (EOF, reset, WebSocket close frame) or asked to ({@code Connection: close}). */
    CLIENT,
    /** {@code POST /admin/restart}. */
    RESTART,
    /** {@code POST /admin/drop}: reset on purpose. */
    DROP_FAULT,
    /** Slow policy {@code disconnect}: unwritable for longer than {@code slowTimeout}. */
    SLOW_DISCONNECT,
    /** Pending outbound bytes would have passed {@code maxQueueBytes}. */
    QUEUE_OVERFLOW,
    /** The peer broke HTTP or WebSocket rules (malformed request, bad frame, invalid UTF-8, too large). */
    PROTOCOL_ERROR,
    /** An unexpected failure inside the target. */
    ERROR;

    /** The snake_case key under {@code connections.closed}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Classifies an exception that reached the end of a pipeline. */
    public static CloseCause of(Throwable cause) {
        if (cause instanceof IOException) {
            return CLIENT; // reset by peer, broken pipe: the peer went away
        }
        if (cause instanceof DecoderException) {
            return PROTOCOL_ERROR;
        }
        return ERROR;
    }
}
