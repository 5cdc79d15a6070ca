package dev.herd.engine.run;

/**
 * What one herd process does in a run split across processes: both publish and subscribe (the default), only
 * publish, or only subscribe. Processes of one run share its run id ({@code --run-id}) so the subscribers
 * measure the publisher's stamps; their clocks agree through the run-wide base (DESIGN.md).
 */
public enum WorkerRole {
    BOTH,
    /** Publishes on the scenario's schedule; opens no subscribers. */
    PUBLISHER,
    /** Subscribes and measures; publishes nothing, and takes the highest sequence seen per topic as published. */
    SUBSCRIBER
}
