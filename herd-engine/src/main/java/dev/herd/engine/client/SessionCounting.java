package dev.herd.engine.client;

import dev.herd.engine.connect.ConnectPhase;
import dev.herd.engine.connect.FailureClassifier;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.metrics.LoopMetrics;
import dev.herd.engine.tls.TlsVersion;

/**
 * What one session counts, on its event loop. Subscribers are the clients under test: their attempts, phases,
 * failures and closes are the run's figures. Publishers are herd's own plumbing: they are counted apart, so that a
 * publisher's reconnects never show up as the target's.
 */
final class SessionCounting {

    private final LoopMetrics metrics;
    private final ConnectionGauge gauge;
    private final boolean measured;

    SessionCounting(LoopMetrics metrics, ConnectionGauge gauge, ClientRole role) {
        this.metrics = metrics;
        this.gauge = gauge;
        this.measured = role == ClientRole.SUBSCRIBER;
    }

    boolean measured() {
        return measured;
    }

    void attemptStarted(boolean reconnect) {
        if (measured) {
            metrics.increment(CounterId.CONNECT_ATTEMPTS);
            if (reconnect) {
                metrics.increment(CounterId.RECONNECT_ATTEMPTS);
            }
        }
    }

    /** A phase of an attempt took {@code nanos}. */
    void phase(HistogramId id, long nanos) {
        if (measured) {
            metrics.recordNanos(id, nanos);
        }
    }

    /** An attempt reached open; {@code sinceLostNanos} is how long the client was without a connection, or -1. */
    void opened(boolean reopened, long sinceLostNanos) {
        if (!measured) {
            metrics.increment(CounterId.PUBLISHER_CONNECTS);
            return;
        }
        metrics.increment(CounterId.CONNECTS);
        metrics.increment(CounterId.OPEN);
        gauge.opened();
        if (reopened) {
            metrics.increment(CounterId.RECONNECTS);
            if (sinceLostNanos >= 0) {
                metrics.recordNanos(HistogramId.RECONNECT, sinceLostNanos);
            }
        }
    }

    void failed(ConnectPhase phase, FailureReason reason, int httpStatus) {
        if (measured) {
            metrics.recordConnectFailure(phase, reason, httpStatus);
        } else {
            metrics.increment(CounterId.PUBLISHER_CONNECT_FAILURES);
        }
    }

    /** An open connection ended without herd ending it: by the target ({@code error} null) or in an error. */
    void lost(FailureReason reason, boolean error) {
        if (!measured) {
            metrics.increment(CounterId.PUBLISHER_DISCONNECTS);
            return;
        }
        closed();
        metrics.increment(error ? CounterId.CLOSED_BY_ERROR : CounterId.CLOSED_BY_SERVER);
        metrics.recordClose(reason);
    }

    /**
     * An open connection ended: herd's own abortive drop, or lost to an error (the first one caught), a close frame or a
     * plain close of the target's.
     */
    void ended(boolean abortive, Throwable error, boolean closeFrameReceived) {
        if (abortive) {
            closedByClient();
        } else if (error != null) {
            lost(FailureClassifier.classify(error), true);
            FailureClassifier.logUnrecognised(error, "an open connection");
        } else {
            lost(closeFrameReceived ? FailureReason.CLOSE_FRAME : FailureReason.CLOSED, false);
        }
    }

    /** An open connection herd ended: the end of the run, or a drop the scenario asked for. */
    void closedByClient() {
        if (measured) {
            closed();
            metrics.increment(CounterId.CLOSED_BY_CLIENT);
        }
    }

    /** A TLS handshake of {@code nanos} completed: a full one or a resumed session, in {@code version}. */
    void tlsHandshake(boolean full, TlsVersion version, long nanos) {
        if (measured) {
            metrics.increment(full ? CounterId.TLS_FULL : CounterId.TLS_RESUMED);
            metrics.increment(switch (version) {
                case TLS_1_3 -> CounterId.TLS_1_3;
                case TLS_1_2 -> CounterId.TLS_1_2;
                case OTHER -> CounterId.TLS_OTHER_VERSION;
            });
            metrics.recordNanos(full ? HistogramId.TLS_HANDSHAKE_FULL : HistogramId.TLS_HANDSHAKE_RESUMED, nanos);
        }
    }

    void firstMessage(long nanosSinceOpen) {
        phase(HistogramId.CONNECT_FIRST_MESSAGE, nanosSinceOpen);
    }

    /** Close codes are a figure of the clients under test; a publisher's would inflate them by one per topic. */
    void closeCode(int code) {
        if (measured) {
            metrics.recordCloseCode(code);
        }
    }

    private void closed() {
        metrics.add(CounterId.OPEN, -1);
        gauge.closed();
    }
}
