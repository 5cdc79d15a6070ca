package dev.herd.engine.protocol.mqtt;

import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Finds the MQTT control packets in each WebSocket message in place (<a
 * href="https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html#_Toc398718020">MQTT 3.1.1 §2.2</a>: a
 * first byte, the remaining length, then that many bytes) and hands each to a {@link Listener} as a range of the
 * buffer: nothing is copied or allocated per packet.
 *
 * <pre>{@code
 * MqttPacketReader reader = new MqttPacketReader(session.maxMessageBytes(), session.receiveShare());
 * FailureReason broken = reader.read(ctx.alloc(), message, listener);   // for each WebSocket message
 * if (broken != null) session.violated(broken, reader.problem());
 * reader.release();                                                    // when the connection ends
 * }</pre>
 *
 * <p>MQTT over WebSocket lets a message hold several packets, or part of one (<a
 * href="https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html#_Toc3901285">MQTT 5.0 §6</a>). A packet a
 * message leaves unfinished is copied aside and completed from the next messages, taking from them only its own
 * bytes; only then does the reader hold a buffer, for a packet of at most the run's {@code --max-message-bytes}, drawn
 * on the run's receive budget.
 */
final class MqttPacketReader {

    /** The first buffer of a split packet: it grows as the packet's bytes arrive, up to the packet's length. */
    private static final int MIN_PARTIAL_BYTES = 256;
    /** A fixed header's most bytes: its first byte and four of remaining length. */
    private static final int FIXED_HEADER_MAX_BYTES = 5;

    /** Told of each complete packet, in order. */
    interface Listener {
        /**
         * Handles the packet whose first byte is {@code header} and whose variable header and payload are
         * {@code [index, index + length)} of {@code buf} (valid during the call only); false stops reading.
         */
        boolean onPacket(int header, ByteBuf buf, int index, int length);
    }

    private final int maxPacketBytes;
    private final ReceiveBudget.Share budget;
    /** The start of a packet the last message left unfinished; null while none is. */
    private ByteBuf partial;
    private String problem;
    // The fixed header measured last by measure(): kept in fields so that nothing is allocated to return it.
    private int headerBytes;
    private int remainingLength;

    /** A reader that holds a split packet of at most {@code maxPacketBytes}, drawing on {@code budget} for it. */
    MqttPacketReader(int maxPacketBytes, ReceiveBudget.Share budget) {
        this.maxPacketBytes = maxPacketBytes;
        this.budget = budget;
    }

    /**
     * Reads the readable bytes of {@code message} (not moved, not released), completing a packet left unfinished.
     *
     * @return null, or the reason the stream is broken (then see {@link #problem()}; the rest is not read)
     */
    FailureReason read(ByteBufAllocator alloc, ByteBuf message, Listener listener) {
        int i = message.readerIndex();
        int end = message.writerIndex();
        if (partial != null) {
            // The fixed header first, a byte at a time (it is at most five), then exactly the rest of the packet.
            long total = measure(partial, partial.readerIndex(), partial.writerIndex());
            while (total == MqttVarint.INCOMPLETE && i < end) {
                partial.writeByte(message.getByte(i++));
                total = measure(partial, partial.readerIndex(), partial.writerIndex());
            }
            FailureReason broken = check(total == MqttVarint.INCOMPLETE ? partial.readableBytes() : total);
            if (broken != null) {
                release();
                return broken;
            }
            if (total == MqttVarint.INCOMPLETE) {
                return null;
            }
            int take = (int) Math.min(total - partial.readableBytes(), end - i);
            broken = hold(partial.readableBytes() + take);
            if (broken != null) {
                release();
                return broken;
            }
            partial.writeBytes(message, i, take);
            i += take;
            if (partial.readableBytes() < total) {
                return null;
            }
            boolean go = listener.onPacket(partial.getUnsignedByte(partial.readerIndex()), partial,
                    partial.readerIndex() + headerBytes, remainingLength);
            release();
            if (!go) {
                return null;
            }
        }
        while (i < end) {
            long total = measure(message, i, end);
            if (total == MqttVarint.MALFORMED) {
                return check(total);
            }
            if (total == MqttVarint.INCOMPLETE || total > end - i) {
                FailureReason broken = check(total == MqttVarint.INCOMPLETE ? end - i : total);
                return broken != null ? broken : keep(alloc, message, i, end - i, total);
            }
            if (!listener.onPacket(message.getUnsignedByte(i), message, i + headerBytes, remainingLength)) {
                return null;
            }
            i += (int) total;
        }
        return null;
    }

    /** Why the last {@link #read} failed: one line. */
    String problem() {
        return problem;
    }

    /** Lets go of a held partial packet, if any, and of its share of the budget (completed, or the connection ended). */
    void release() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
        budget.release();
    }

    /** True while the start of a split packet is held. */
    boolean holdsPartialPacket() {
        return partial != null;
    }

    /**
     * Measures the packet at {@code index}: its whole length (fixed header included), or INCOMPLETE when its fixed
     * header is not all there, or MALFORMED. Sets {@link #headerBytes} and {@link #remainingLength}.
     */
    private long measure(ByteBuf buf, int index, int end) {
        long v = MqttVarint.read(buf, index + 1, end);
        if (v < 0) {
            return v;
        }
        headerBytes = 1 + MqttVarint.bytes(v);
        remainingLength = MqttVarint.value(v);
        return (long) headerBytes + remainingLength;
    }

    /**
     * The failure a measured length (or, while the fixed header is unfinished, the bytes held) means for a packet that
     * must be held: MALFORMED, or too large to hold.
     */
    private FailureReason check(long total) {
        if (total == MqttVarint.MALFORMED) {
            problem = "an MQTT packet's remaining length does not end within four bytes";
            return FailureReason.PROTOCOL_MALFORMED;
        }
        if (total > maxPacketBytes) {
            problem = "an MQTT packet of " + total + " bytes split across WebSocket messages is larger than "
                    + maxPacketBytes + " bytes (--max-message-bytes)";
            return FailureReason.MESSAGE_TOO_LARGE;
        }
        return null;
    }

    /** Draws on the budget for a held packet of {@code bytes}; the failure when the budget cannot cover it. */
    private FailureReason hold(int bytes) {
        if (budget.hold(bytes)) {
            return null;
        }
        problem = "the run's receive budget cannot hold an MQTT packet of " + bytes
                + " bytes split across WebSocket messages (--receive-budget)";
        return FailureReason.LOCAL_RECEIVE_BUDGET;
    }

    private FailureReason keep(ByteBufAllocator alloc, ByteBuf message, int index, int length, long total) {
        FailureReason broken = hold(length);
        if (broken != null) {
            return broken;
        }
        // Grown as the packet's bytes arrive, never beyond its length: a packet that claims a large length and stops
        // costs what it sent.
        int most = total == MqttVarint.INCOMPLETE ? Math.max(maxPacketBytes, FIXED_HEADER_MAX_BYTES) : (int) total;
        partial = alloc.buffer(Math.min(most, Math.max(MIN_PARTIAL_BYTES, length)), most);
        partial.writeBytes(message, index, length);
        return null;
    }
}
