package dev.herd.target.fault;

import dev.herd.target.broker.DeliveryGate;
import java.time.Duration;

/**
 * {@code POST /admin/stall?for=1s}: for that long no message is written to any subscriber; messages published
 * meanwhile get their sequence numbers at once and are delivered, in order, when the stall ends. A stall
 * that starts while another runs extends it if it ends later.
 */
public final class StallFault {

    private final DeliveryGate gate;

    public StallFault(DeliveryGate gate) {
        this.gate = gate;
    }

    public void stall(Duration duration) {
        gate.stallFor(duration);
    }
}
