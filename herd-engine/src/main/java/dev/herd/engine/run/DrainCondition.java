package dev.herd.engine.run;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * When a drain may end: no publish request is waiting for its answer, and subscribers received every delivery
 * that the accepted messages call for.
 *
 * <p>The order of the reads is the point. An HTTP publish is accepted when its answer arrives, on a publisher's
 * loop, while this runs on the control thread. Reading the expected deliveries first and the requests in flight
 * second lets an answer land between the two reads: the expected figure read is one message short, the requests in
 * flight read none, and the drain ends before that message's deliveries arrive; the run then closes its
 * subscribers and counts them lost (one message times a topic's subscribers, seen in CI). The figures that decide
 * are read after the requests in flight: once none is, nothing more is accepted, and the expected figure is final.
 */
final class DrainCondition implements BooleanSupplier {

    private final IntSupplier requestsInFlight;
    private final LongSupplier received;
    private final LongSupplier expected;

    DrainCondition(IntSupplier requestsInFlight, LongSupplier received, LongSupplier expected) {
        this.requestsInFlight = requestsInFlight;
        this.received = received;
        this.expected = expected;
    }

    @Override
    public boolean getAsBoolean() {
        // The first comparison is only a cheap look (counting the requests in flight takes a task on every publish
        // connection's loop, a wake each, and this runs every 10 ms of a drain); the two reads after it decide.
        return received.getAsLong() >= expected.getAsLong()
                && requestsInFlight.getAsInt() == 0
                && received.getAsLong() >= expected.getAsLong();
    }
}
