package dev.herd.engine.client;

import dev.herd.engine.connect.ConnectPhase;
import dev.herd.engine.connect.FailureReason;

/**
 * Hooks a scenario uses to follow clients' connection lifecycles (e.g. the reconnect storm's recovery
 * times). Called on the session's event loop, once per event (never per message): keep them cheap.
 */
public interface SessionEvents {

    SessionEvents NONE = new SessionEvents() {
    };

    /** A connection attempt starts ({@code attempt} counts from 1 since the last open). */
    default void onAttempt(ClientSession session, int attempt, long nowNanos) {
    }

    /** The session reached open; {@code reopened} when it had been open before. */
    default void onOpen(ClientSession session, boolean reopened, long nowNanos) {
    }

    /** An attempt failed in {@code phase} for {@code reason}; a reconnect may follow by the policy. */
    default void onAttemptFailed(ClientSession session, ConnectPhase phase, FailureReason reason, long nowNanos) {
    }

    /** An open connection was lost (closed by the target, reset, error); not called for herd's own closes. */
    default void onLost(ClientSession session, long nowNanos) {
    }

    /** The session gave up: its reconnect policy allows no further attempt. */
    default void onGaveUp(ClientSession session, long nowNanos) {
    }
}
