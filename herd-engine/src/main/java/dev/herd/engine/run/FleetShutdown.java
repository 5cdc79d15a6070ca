package dev.herd.engine.run;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.ConnectionGauge;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends every connection of a run while its event loops still run, so that nothing is left for the loops' own
 * shutdown to close.
 *
 * <p>Netty 4.2's event loops close their channels at shutdown only in a turn that starts after the shutdown was
 * asked for. A shutdown with no quiet period that arrives while the loop runs tasks (a publisher behind its
 * schedule re-queues itself every 256 messages) ends the loop in that same turn: its channels stay open, their
 * sockets are never closed and the frames queued on them are never released ({@code EventLoopShutdownTest}
 * shows it). So a run closes its clients itself: first politely (WebSocket close frames), then, for connections
 * whose close could not be written (a target that no longer reads), at once.
 *
 * <pre>{@code
 * FleetShutdown shutdown = new FleetShutdown(fleet, gauge, context::stopPublishing);
 * shutdown.closeAll();   // control thread, before group.shutdownGracefully(...); again in finally: a no-op
 * }</pre>
 */
final class FleetShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(FleetShutdown.class);
    /** How long polite closes may take before the rest are closed at once. */
    private static final long GRACEFUL_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** How long closing at once may take; only a wedged event loop takes longer. */
    private static final long FORCED_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final ClientFleet fleet;
    private final ConnectionGauge gauge;
    private final Runnable stopPublishing;
    private boolean done;

    /** {@code stopPublishing} stops every publisher and returns once none will write again. */
    FleetShutdown(ClientFleet fleet, ConnectionGauge gauge, Runnable stopPublishing) {
        this.fleet = fleet;
        this.gauge = gauge;
        this.stopPublishing = stopPublishing;
    }

    /**
     * Stops publishing, stops every client and waits, bounded, until every socket the run created is closed. Blocking:
     * the control thread only; a second call does nothing. Returns the sockets still open after all (0 unless an
     * event loop is wedged).
     */
    long closeAll() {
        if (done) {
            return gauge.sockets();
        }
        done = true;
        stopPublishing.run();
        List<ClientSession> sessions = sessions();
        sessions.forEach(ClientSession::stop);
        if (!RunContext.waitEvenIfAborted(System.nanoTime() + GRACEFUL_NANOS, this::allClosed)) {
            LOG.debug("{} sockets still open {} ms after the close began; closing them at once", gauge.sockets(),
                    TimeUnit.NANOSECONDS.toMillis(GRACEFUL_NANOS));
            sessions.forEach(ClientSession::forceClose);
            RunContext.waitEvenIfAborted(System.nanoTime() + FORCED_NANOS, this::allClosed);
        }
        long left = gauge.sockets();
        if (left > 0) {
            LOG.warn("{} client sockets were still open when the run ended", left);
        }
        return left;
    }

    /** Every socket closed, and every open connection's end seen by its session (its counts settled). */
    private boolean allClosed() {
        return gauge.sockets() == 0 && gauge.open() == 0;
    }

    private List<ClientSession> sessions() {
        List<ClientSession> all = new ArrayList<>(fleet.publishers);
        all.addAll(fleet.subscribersSnapshot());
        return all;
    }
}
