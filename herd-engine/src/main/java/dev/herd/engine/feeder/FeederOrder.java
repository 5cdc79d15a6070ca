package dev.herd.engine.feeder;

import java.util.Locale;

/** Which row of a {@link Feeder} a client takes ({@code --feeder-order}). */
public enum FeederOrder {
    /** Client {@code i} takes row {@code i}; fewer rows than clients is a usage error. */
    SEQUENTIAL,
    /** Client {@code i} takes row {@code i mod rows}: identities are shared when clients outnumber rows. */
    CIRCULAR,
    /** Each client takes a row drawn from the run's seed and its index: the same row on every run with that seed. */
    RANDOM;

    /** The name {@code --feeder-order} takes. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
