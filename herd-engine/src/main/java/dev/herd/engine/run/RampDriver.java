package dev.herd.engine.run;

import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts one event loop's share of the subscribers at their intended times on the connect ramp (open
 * model: a client's start does not wait for earlier ones to finish), in turns on a grid of
 * {@link #START_GRID_NANOS}, holding back while the run's
 * {@link HandshakeSlots} are all taken. Wakes itself at the next client's time, or when a slot frees; never sleeps.
 * Records how far behind its schedule it fell ({@link #maxDelayNanos()}, {@link #overdueNanos(long)}): a ramp the
 * generator could not keep is the generator's limit, not the target's.
 *
 * <p>A driver behind its schedule shares its loop evenly with everything else the loop does: it hands the loop
 * back after a turn, and its next turn may last as long as the loop's other work took meanwhile (at least
 * {@link #TURN_NANOS}, at most {@link #MAX_TURN_NANOS}). A fixed short turn starved the ramp when the loop's I/O was
 * heavy: against a target flooding 200 connections, on a busy machine, a round of reads took tens of milliseconds
 * between one-millisecond turns, and clients due in the first half second had not started four seconds later.
 */
final class RampDriver implements Runnable {

    /**
     * Time one turn may spend starting overdue clients before it hands the loop back for a round of I/O. A start
     * costs microseconds once compiled but a millisecond or more in the first second of a run, so a turn bounded by
     * count (it was 512) held a loop for half a second: handshake replies waited unread, which the target's upgrade
     * time then carried, and every timed task ran late (docs/benchmarks.md, "Against nginx + nchan").
     */
    static final long TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** The longest turn, however long the loop's other work took: the loop's timers run at least this often. */
    static final long MAX_TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /**
     * Clients start in turns on this grid from the ramp's start: each one at the last grid time at or before its
     * own time on the ramp (so never after the ramp's window), all those of one grid step together. The rate is the
     * one asked for at every scale above the step; what changes is how often a loop wakes. Waking a loop from idle
     * costs 14-74 µs of CPU on a virtual machine like the ones here (a thread parked 1 ms and 20 ms), and one
     * wake per client, with its connect completion and its upgrade answer arriving apart, made 19,000 clients within
     * 10 s against nchan cost 7.6-8.9 CPU-s; on a 4 ms grid 6.4-7.1 (the loops' system time 1.3-1.4 s, not 2.2-2.3)
     * (docs/benchmarks.md).
     */
    static final long START_GRID_NANOS = TimeUnit.MILLISECONDS.toNanos(4);

    private final EventLoop loop;
    private static final Runnable[] NO_STARTS = {};
    private static final long[] NO_TIMES = {};

    /**
     * Each client's start ({@code ClientSession::start}), in ramp order; let go once all started, since the run keeps
     * its drivers to the end (their slots serve reconnects) and an idle connection should hold nothing of the ramp.
     */
    private Runnable[] starts;
    private long[] startNanos;
    private final HandshakeSlots slots;
    /** The next client to start. Written on the loop only; volatile for {@link #overdueNanos(long)}. */
    private volatile int next;
    /** When this driver last handed its loop back while behind its schedule; 0 when it did not. Loop only. */
    private long handedBackNanos;
    /** True while every handshake slot is taken and this driver waits for one: its clients wait for the target. */
    private volatile boolean awaitingSlot;
    /** When a freed slot last woke this driver: a start held back by the cap is late from then, not from its time. */
    private volatile long wokenNanos = Long.MIN_VALUE;
    private volatile long maxDelayNanos;
    /** Set while this driver starts a client with a slot it took: that attempt's begin must not take another. */
    private boolean startingWithSlot;
    private volatile boolean stopped;

    /**
     * @param starts the clients' starts; on this loop, a start begins its attempt before it returns
     * @param offsetsNanos ramp offsets of {@code starts}, non-decreasing
     * @param slots the run's cap on attempts in progress, shared with the other loops' drivers
     */
    RampDriver(EventLoop loop, List<Runnable> starts, long rampStartNanos, long[] offsetsNanos,
               HandshakeSlots slots) {
        this.loop = loop;
        this.starts = starts.toArray(new Runnable[0]);
        this.startNanos = new long[offsetsNanos.length];
        for (int i = 0; i < offsetsNanos.length; i++) {
            startNanos[i] = rampStartNanos + onGrid(offsetsNanos[i]);
        }
        this.slots = slots;
    }

    /** The grid time at or before {@code offsetNanos} (a ramp offset, not negative): when that client starts. */
    static long onGrid(long offsetNanos) {
        return offsetNanos - offsetNanos % START_GRID_NANOS;
    }

    void start() {
        loop.execute(this);
    }

    void stop() {
        stopped = true;
    }

    /** A slot was freed: try again on this driver's loop. Any thread. */
    void wake() {
        if (!stopped) {
            wokenNanos = System.nanoTime();
            loop.execute(this);
        }
    }

    @Override
    public void run() {
        long turnStart = System.nanoTime();
        long turn = TURN_NANOS;
        if (handedBackNanos != 0) {
            turn = Math.min(MAX_TURN_NANOS, Math.max(TURN_NANOS, turnStart - handedBackNanos));
            handedBackNanos = 0;
        }
        awaitingSlot = false;
        long now = turnStart;
        long worst = 0;
        while (next < starts.length && !stopped) {
            if (startNanos[next] > now) {
                loop.schedule(this, startNanos[next] - now, TimeUnit.NANOSECONDS);
                break;
            }
            if (!slots.tryTake()) {
                awaitingSlot = true;
                slots.await(this);
                break;
            }
            worst = Math.max(worst, now - Math.max(startNanos[next], wokenNanos));
            // On this loop start() begins the attempt at once, and the attempt's begin comes back through
            // attemptStarted() before start() returns.
            startingWithSlot = true;
            starts[next++].run();
            if (startingWithSlot) {
                startingWithSlot = false;
                slots.release(); // no attempt began (the session was stopped): the slot is not used
            }
            now = System.nanoTime();
            if (now - turnStart >= turn) {
                // Not execute(): Netty runs a task queued from a task in the same round, before any I/O.
                loop.schedule(this, 0, TimeUnit.NANOSECONDS);
                handedBackNanos = now;
                break;
            }
        }
        if (worst > maxDelayNanos) {
            maxDelayNanos = worst;
        }
        if (next >= starts.length) {
            starts = NO_STARTS;
            startNanos = NO_TIMES;
        }
    }

    /** The most a client was started after its time on the ramp (or after a freed slot let it go). Any thread. */
    long maxDelayNanos() {
        return maxDelayNanos;
    }

    /**
     * How late, by {@code nowNanos}, the first client not started yet already is: 0 when every client started, when
     * the next is not due, or when it waits for a handshake slot (the target's pace, not the generator's). Any
     * thread; for a {@link #stop() stopped} driver, final.
     */
    long overdueNanos(long nowNanos) {
        int first = next;
        long[] times = startNanos; // read once: the loop lets the array go when the last client started
        if (first >= times.length || awaitingSlot) {
            return 0;
        }
        return Math.max(0, nowNanos - Math.max(times[first], wokenNanos));
    }

    /** An attempt of one of this loop's sessions began: one this driver started, or a reconnect. Loop only. */
    void attemptStarted() {
        if (startingWithSlot) {
            startingWithSlot = false;
        } else {
            slots.occupy();
        }
    }

    /** An attempt ended (open or failed); a held-back start, on any loop, may go now. Loop only. */
    void attemptEnded() {
        slots.release();
    }

    boolean done() {
        return next >= starts.length;
    }
}
