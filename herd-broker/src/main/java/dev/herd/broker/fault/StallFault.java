package dev.herd.broker.fault;

import dev.herd.broker.pubsub.DeliveryGate;
import dev.herd.broker.connection.ConnectionRegistry;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

/**
 * {@code POST /admin/stall?for=1s}: for that long no message is written to any subscriber; messages published
 * meanwhile get their sequence numbers at once and are delivered, in order, when the stall ends. A stall
 * that starts while another runs extends it if it ends later.
 *
 * <p>With {@code freeze=true} the whole server stops as a process does in a long GC pause: besides holding
 * deliveries it stops reading from every open connection (publishers included) until the stall ends. That is
 * the case where a closed-loop publisher stops sending and coordinated omission hides the pause; herd's
 * open-model latency must not.
 */
public final class StallFault {

    private final DeliveryGate gate;
    private final ConnectionRegistry connections;

    public StallFault(DeliveryGate gate, ConnectionRegistry connections) {
        this.gate = gate;
        this.connections = connections;
    }

    public void stall(Duration duration) {
        stall(duration, false);
    }

    public void stall(Duration duration, boolean freeze) {
        gate.stallFor(duration);
        if (freeze) {
            for (Channel channel : connections.channels()) {
                channel.eventLoop().execute(() -> freeze(channel, duration));
            }
        }
    }

    private static void freeze(Channel channel, Duration duration) {
        if (!channel.isActive() || !channel.config().isAutoRead()) {
            // Already not reading (e.g. held back by pipelining): leave its own logic in charge.
            return;
        }
        channel.config().setAutoRead(false);
        channel.eventLoop().schedule(() -> {
            if (channel.isActive()) {
                channel.config().setAutoRead(true);
            }
        }, duration.toNanos(), TimeUnit.NANOSECONDS);
    }
}
