package dev.herd.engine.protocol.mqtt;

import io.netty.channel.ChannelPromise;

/**
 * A publisher connection's QoS 1 PUBLISHes awaiting their PUBACK: each publish's promise is completed when the broker
 * acknowledges it (so herd counts a message published once the broker has it), failed when the broker refuses it or
 * the connection ends first.
 *
 * <pre>{@code
 * int packetId = inFlight.add(promise);      // 0: the window is full, the publish fails
 * inFlight.acknowledged(packetId);           // on PUBACK
 * inFlight.failAll(MqttInFlight.CLOSED);     // the connection ended
 * }</pre>
 *
 * <p>Packet ids go 1, 2, … 65535, 1, … in publish order. Brokers acknowledge QoS 1 in that order (MQTT 3.1.1
 * §4.6), so the oldest slot is almost always the one answered, but any order is handled. At most {@link #CAPACITY} (or
 * the broker's MQTT 5 receive maximum, if lower) may wait at once.
 */
final class MqttInFlight {

    /** The most publishes that may await a PUBACK at once: enough for a loopback broker at any rate herd sets. */
    static final int CAPACITY = 1024;

    static final RuntimeException WINDOW_FULL = new PublishFailed(
            "more MQTT QoS 1 publishes await their PUBACK than the window allows");
    static final RuntimeException REFUSED = new PublishFailed("the broker refused the MQTT publish in its PUBACK");
    static final RuntimeException CLOSED = new PublishFailed("the connection ended before the MQTT PUBACK");

    private static final int MASK = CAPACITY - 1;
    private static final int PACKET_IDS = 65_535;

    private final ChannelPromise[] slots = new ChannelPromise[CAPACITY];
    private final int window;
    /** The sequence number of the next publish; its packet id is {@code seq % 65535 + 1}. */
    private long nextSeq;
    /** The oldest publish still awaiting its PUBACK (== nextSeq when none is). */
    private long oldestSeq;

    /** A window of {@code receiveMaximum} publishes, at most {@link #CAPACITY}. */
    MqttInFlight(int receiveMaximum) {
        this.window = Math.max(1, Math.min(CAPACITY, receiveMaximum));
    }

    /** Takes a packet id for a publish completing {@code promise}; 0 when the window is full (nothing taken). */
    int add(ChannelPromise promise) {
        if (nextSeq - oldestSeq >= window) {
            return 0;
        }
        long seq = nextSeq++;
        slots[(int) (seq & MASK)] = promise;
        return (int) (seq % PACKET_IDS) + 1;
    }

    /** The broker acknowledged {@code packetId}; an id not awaited (a duplicate, a stranger) is ignored. */
    void acknowledged(int packetId) {
        complete(packetId, null);
    }

    /** The publish {@code packetId} failed (refused, or its write failed). */
    void failed(int packetId, Throwable cause) {
        complete(packetId, cause);
    }

    /** Fails every publish still awaiting its PUBACK. */
    void failAll(Throwable cause) {
        for (long seq = oldestSeq; seq < nextSeq; seq++) {
            int slot = (int) (seq & MASK);
            ChannelPromise promise = slots[slot];
            slots[slot] = null;
            if (promise != null) {
                promise.tryFailure(cause);
            }
        }
        oldestSeq = nextSeq;
    }

    /** How many publishes await their PUBACK. */
    int pending() {
        int n = 0;
        for (long seq = oldestSeq; seq < nextSeq; seq++) {
            if (slots[(int) (seq & MASK)] != null) {
                n++;
            }
        }
        return n;
    }

    private void complete(int packetId, Throwable cause) {
        if (packetId < 1 || packetId > PACKET_IDS || oldestSeq == nextSeq) {
            return;
        }
        long offset = Math.floorMod(packetId - 1 - oldestSeq % PACKET_IDS, (long) PACKET_IDS);
        long seq = oldestSeq + offset;
        if (seq >= nextSeq) {
            return;
        }
        int slot = (int) (seq & MASK);
        ChannelPromise promise = slots[slot];
        if (promise == null) {
            return;
        }
        slots[slot] = null;
        while (oldestSeq < nextSeq && slots[(int) (oldestSeq & MASK)] == null) {
            oldestSeq++;
        }
        if (cause == null) {
            promise.trySuccess();
        } else {
            promise.tryFailure(cause);
        }
    }

    /** Shared and without a stack trace: a refused publish costs no allocation. */
    private static final class PublishFailed extends RuntimeException {
        PublishFailed(String message) {
            super(message, null, false, false);
        }
    }
}
