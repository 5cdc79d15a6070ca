package dev.herd.engine.run;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionEvents;
import dev.herd.engine.connect.ConnectPhase;
import dev.herd.engine.connect.FailureReason;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's view of session lifecycles: how many publishers are open, the ramp drivers' in-flight counts,
 * and the scenarios' own listeners. Publisher events stop here; scenarios only hear of subscribers.
 */
final class FleetEvents implements SessionEvents {

    private final AtomicInteger publishersOpen = new AtomicInteger();
    private volatile Map<io.netty.channel.EventLoop, RampDriver> drivers = new IdentityHashMap<>();
    private final List<SessionEvents> listeners = new CopyOnWriteArrayList<>();

    void drivers(Map<io.netty.channel.EventLoop, RampDriver> byLoop) {
        this.drivers = byLoop;
    }

    void add(SessionEvents events) {
        listeners.add(events);
    }

    int publishersOpen() {
        return publishersOpen.get();
    }

    @Override
    public void onAttempt(ClientSession session, int attempt, long nowNanos) {
        if (session.role() == ClientRole.PUBLISHER) {
            return;
        }
        RampDriver driver = driverOf(session);
        if (driver != null) {
            driver.attemptStarted();
        }
        for (SessionEvents l : listeners) {
            l.onAttempt(session, attempt, nowNanos);
        }
    }

    @Override
    public void onOpen(ClientSession session, boolean reopened, long nowNanos) {
        if (session.role() == ClientRole.PUBLISHER) {
            publishersOpen.incrementAndGet();
            return;
        }
        for (SessionEvents l : listeners) {
            l.onOpen(session, reopened, nowNanos);
        }
        attemptEnded(session);
    }

    @Override
    public void onAttemptFailed(ClientSession session, ConnectPhase phase, FailureReason reason, long nowNanos) {
        if (session.role() == ClientRole.PUBLISHER) {
            return;
        }
        for (SessionEvents l : listeners) {
            l.onAttemptFailed(session, phase, reason, nowNanos);
        }
        attemptEnded(session);
    }

    @Override
    public void onLost(ClientSession session, long nowNanos) {
        if (session.role() == ClientRole.PUBLISHER) {
            publishersOpen.decrementAndGet();
            return;
        }
        for (SessionEvents l : listeners) {
            l.onLost(session, nowNanos);
        }
    }

    @Override
    public void onGaveUp(ClientSession session, long nowNanos) {
        if (session.role() == ClientRole.SUBSCRIBER) {
            for (SessionEvents l : listeners) {
                l.onGaveUp(session, nowNanos);
            }
        }
    }

    /**
     * Frees the session's slot in its ramp driver. Called after the listeners heard of the end: the driver may
     * start a held-back client at once, on this loop, and its attempt must not be heard of before this one's end.
     */
    private void attemptEnded(ClientSession session) {
        RampDriver driver = driverOf(session);
        if (driver != null) {
            driver.attemptEnded();
        }
    }

    private RampDriver driverOf(ClientSession session) {
        return session.role() == ClientRole.SUBSCRIBER ? drivers.get(session.loop()) : null;
    }
}
