package dev.herd.engine.schedule;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * When each of a number of clients opens its connection, as an offset from the start of the connect stage.
 *
 * <pre>{@code
 * ConnectRamp ramp = ConnectRamp.poisson(10_000, Duration.ofSeconds(10), seed);
 * for (int i = 0; i < ramp.clients(); i++) {
 *     loop.schedule(() -> connect(i), ramp.offsetNanos(i), TimeUnit.NANOSECONDS);
 * }
 * }</pre>
 *
 * <p>{@link #even} spaces clients exactly; {@link #poisson} gives the arrival times of a Poisson process that had
 * exactly {@code clients} arrivals in the window, which is how independent users arrive. Offsets never decrease
 * with the client index and all lie in {@code [0, within)}; a zero window puts every client at 0. Immutable.
 */
public final class ConnectRamp {

    private final int clients;
    private final long withinNanos;
    /** What {@link #toString()} says, e.g. {@code poisson(100 clients within PT10S, seed 7)}. */
    private final String description;
    /** Poisson offsets, sorted; null for an even ramp, whose offsets are computed. */
    private final long[] offsets;

    private ConnectRamp(int clients, long withinNanos, String description, long[] offsets) {
        this.clients = clients;
        this.withinNanos = withinNanos;
        this.description = description;
        this.offsets = offsets;
    }

    /**
     * Client {@code i} connects at {@code i * within / clients}, rounded down to the nanosecond.
     *
     * @throws IllegalArgumentException if {@code clients} or {@code within} is negative
     */
    public static ConnectRamp even(int clients, Duration within) {
        long nanos = withinNanos(within);
        return new ConnectRamp(checkClients(clients), nanos, "even(" + clients + " clients within " + within + ")",
                null);
    }

    /**
     * Client offsets are {@code clients} uniform random times in {@code [0, within)}, sorted: the order statistics
     * that a Poisson process conditioned on {@code clients} arrivals produces. The same seed gives the same ramp.
     *
     * @throws IllegalArgumentException if {@code clients} or {@code within} is negative
     */
    public static ConnectRamp poisson(int clients, Duration within, long seed) {
        checkClients(clients);
        long nanos = withinNanos(within);
        long[] offsets = new long[clients];
        if (nanos > 0) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < clients; i++) {
                offsets[i] = random.nextLong(nanos);
            }
            Arrays.sort(offsets);
        }
        return new ConnectRamp(clients, nanos,
                "poisson(" + clients + " clients within " + within + ", seed " + seed + ")", offsets);
    }

    /** Number of clients on the ramp. */
    public int clients() {
        return clients;
    }

    /** Length of the window the clients connect in. */
    public Duration within() {
        return Duration.ofNanos(withinNanos);
    }

    /**
     * When client {@code i} connects, in nanoseconds after the start of the ramp.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= i < clients()}
     */
    public long offsetNanos(int i) {
        Objects.checkIndex(i, clients);
        if (offsets != null) {
            return offsets[i];
        }
        // i * within / clients without overflow: within = q * clients + r, and r * i < clients^2 < 2^62.
        long quotient = withinNanos / clients;
        long remainder = withinNanos % clients;
        return quotient * i + remainder * i / clients;
    }

    @Override
    public String toString() {
        return description;
    }

    private static int checkClients(int clients) {
        if (clients < 0) {
            throw new IllegalArgumentException("clients must not be negative: " + clients);
        }
        return clients;
    }

    private static long withinNanos(Duration within) {
        if (within.isNegative()) {
            throw new IllegalArgumentException("within must not be negative: " + within);
        }
        return within.toNanos();
    }
}
