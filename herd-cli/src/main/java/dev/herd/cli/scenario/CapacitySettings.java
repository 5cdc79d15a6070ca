package dev.herd.cli.scenario;

import java.time.Duration;

/** Settings of the capacity search, from flags or the {@code capacity:} section of a scenario file. */
public final class CapacitySettings {

    /** Steps of connections, or a continuous ramp. */
    public enum Ramp { STEPS, CONTINUOUS }

    public Ramp ramp = Ramp.STEPS;
    public int step = 500;
    public Duration stepEvery = Duration.ofSeconds(2);
    public int ratePerSecond = 200;
    public Duration settle = Duration.ofSeconds(1);
    public Duration maxHandshakeP99 = Duration.ofSeconds(1);
    public double maxErrorRate = 0.01;
    public int limit = 10_000;
}
