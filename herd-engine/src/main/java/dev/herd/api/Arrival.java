package dev.herd.api;

/** How first connection attempts are spaced on the connect ramp ({@code --arrival}). */
public enum Arrival {
    /** Evenly spread over the ramp. */
    EVEN,
    /** A Poisson process of the same mean rate, from the run's seed. */
    POISSON
}
