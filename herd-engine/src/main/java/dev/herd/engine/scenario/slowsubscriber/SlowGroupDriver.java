package dev.herd.engine.scenario.slowsubscriber;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionEvents;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives the slow group through the stall and records what happens to connections meanwhile: slows each slow
 * subscriber when the stall starts and restores it when it ends (each on its own event loop), slows a slow subscriber
 * again if it reconnects during the stall, notes the WebSocket close codes the slow group receives, and logs every
 * connection lost, slow or healthy, from the stall's start on.
 *
 * <pre>{@code
 * SlowGroupDriver driver = new SlowGroupDriver(sessions, slowIndices, readBytesPerSecond);
 * ctx.addSessionEvents(driver);
 * driver.slowNow();      // the stall starts
 * driver.releaseNow();   // and ends
 * List<SlowGroupDriver.Loss> losses = driver.losses();
 * }</pre>
 */
final class SlowGroupDriver implements SessionEvents, CloseCodeWatch.Codes {

    /** RFC 6455's code for a close frame without a status. */
    static final int NO_STATUS = 1005;
    /** RFC 6455's code for a connection that ended without a close frame (never sent on the wire). */
    static final int NO_CLOSE_FRAME = 1006;
    /** No close code: an SSE stream, or a healthy subscriber (whose close frames are not watched). */
    static final int NOT_WEBSOCKET = 0;

    /**
     * A connection lost from the stall's start on.
     *
     * @param index the subscriber
     * @param slow whether it is in the slow group
     * @param afterStallStartNanos from the stall's start to when herd saw the connection end
     * @param beforeResume whether herd saw it end while the group was still slowed
     * @param closeCode the WebSocket close code a slow subscriber received ({@link #NO_CLOSE_FRAME} when none),
     *                  or {@link #NOT_WEBSOCKET}
     */
    record Loss(int index, boolean slow, long afterStallStartNanos, boolean beforeResume, int closeCode) {
    }

    private final List<ClientSession> sessions;
    private final ReadThrottle[] throttles;
    /** Close code of the current connection, per subscriber; each slot written and read on its subscriber's loop. */
    private final int[] closeCodes;
    private final List<Loss> losses = new ArrayList<>();
    private volatile long stallStartNanos = Long.MAX_VALUE;
    private volatile long resumeNanos = Long.MAX_VALUE;

    /**
     * A driver for the slow group; for a read rate, it gives each slow session (not yet started) the
     * {@link ReadLimit} its throttle sizes reads with.
     *
     * @param sessions the run's subscribers, by index
     * @param slowIndices the slow group's indices
     * @param readBytesPerSecond the slow group's read rate during the stall; 0 stops reading
     */
    SlowGroupDriver(List<ClientSession> sessions, int[] slowIndices, long readBytesPerSecond) {
        this.sessions = List.copyOf(sessions);
        this.throttles = new ReadThrottle[sessions.size()];
        this.closeCodes = new int[sessions.size()];
        for (int i : slowIndices) {
            ReadLimit limit = new ReadLimit();
            if (readBytesPerSecond > 0) {
                sessions.get(i).recvByteBufAllocator(limit);
            }
            throttles[i] = new ReadThrottle(readBytesPerSecond, limit);
        }
    }

    boolean isSlow(int index) {
        return index < throttles.length && throttles[index] != null;
    }

    /** Slows every slow subscriber now, each on its loop; any thread, once. */
    void slowNow() {
        stallStartNanos = System.nanoTime();
        for (int i = 0; i < throttles.length; i++) {
            ReadThrottle throttle = throttles[i];
            if (throttle != null) {
                ClientSession s = sessions.get(i);
                s.loop().execute(() -> throttle.apply(s.openChannel()));
            }
        }
    }

    /** Restores every slow subscriber now, each on its loop; any thread (again is harmless). */
    void releaseNow() {
        if (resumeNanos == Long.MAX_VALUE) {
            resumeNanos = System.nanoTime();
        }
        for (int i = 0; i < throttles.length; i++) {
            ReadThrottle throttle = throttles[i];
            if (throttle != null) {
                sessions.get(i).loop().execute(throttle::release);
            }
        }
    }

    /** Connections lost so far from the stall's start on, in the order seen. */
    List<Loss> losses() {
        synchronized (losses) {
            return List.copyOf(losses);
        }
    }

    @Override
    public void onOpen(ClientSession session, boolean reopened, long nowNanos) {
        int i = session.index();
        if (!isSlow(i)) {
            return;
        }
        Channel ch = session.openChannel();
        if (ch == null) {
            return;
        }
        boolean webSocket = ch.pipeline().get("ws") != null;
        closeCodes[i] = webSocket ? NO_CLOSE_FRAME : NOT_WEBSOCKET;
        if (webSocket && ch.pipeline().get(CloseCodeWatch.NAME) == null) {
            ch.pipeline().addBefore("ws", CloseCodeWatch.NAME, new CloseCodeWatch(this, i));
        }
        if (reopened && nowNanos - stallStartNanos >= 0 && nowNanos - resumeNanos < 0) {
            // Reconnected (only when the user asked for reconnects) while the group is slowed: slow it again.
            throttles[i].apply(ch);
        }
    }

    @Override
    public void closeCode(int subscriberIndex, int code) {
        closeCodes[subscriberIndex] = code;
    }

    @Override
    public void onLost(ClientSession session, long nowNanos) {
        long start = stallStartNanos;
        if (start == Long.MAX_VALUE || nowNanos - start < 0) {
            return;
        }
        int i = session.index();
        boolean slow = isSlow(i);
        int code = slow ? closeCodes[i] : NOT_WEBSOCKET;
        Loss loss = new Loss(i, slow, nowNanos - start, nowNanos - resumeNanos < 0, code);
        synchronized (losses) {
            losses.add(loss);
        }
    }
}
