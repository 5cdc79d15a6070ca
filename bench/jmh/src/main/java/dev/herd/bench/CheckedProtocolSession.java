package dev.herd.bench;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.protocol.FrameValues;
import dev.herd.engine.protocol.Placeholders;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.receive.ReceiveBudget;
import dev.herd.engine.stamp.StampScanner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * A subscriber's protocol session as the benchmarks need it: each delivered payload is scanned for stamps in place, as
 * herd's WebSocket session does, into a blackhole listener; the handshake's placeholders get fixed values.
 *
 * <pre>{@code
 * CheckedProtocolSession session = new CheckedProtocolSession();
 * ProtocolStage stage = WireProtocols.builtIn("mqtt", Map.of()).newStage(session);
 * session.stamps.blackhole = blackhole;   // in each @Benchmark method
 * }</pre>
 */
final class CheckedProtocolSession implements ProtocolSession, FrameValues {

    final BlackholeStampListener stamps = new BlackholeStampListener();
    /** Payloads delivered, so a benchmark can check the path it measures delivers at all. */
    long delivered;
    /** Anything the stage reported besides deliveries: it must stay null. */
    String trouble;
    boolean subscribed;
    /** Off while a benchmark's setup checks the path: the blackhole exists only inside the measured method. */
    boolean scanning;

    @Override
    public ClientRole role() {
        return ClientRole.SUBSCRIBER;
    }

    @Override
    public FrameValues values() {
        return this;
    }

    @Override
    public int maxMessageBytes() {
        return 1 << 20;
    }

    @Override
    public ReceiveBudget.Share receiveShare() {
        return new ReceiveBudget(ReceiveBudget.DEFAULT_MAX_BYTES).share();
    }

    @Override
    public void write(String name, ByteBuf out) {
        switch (name) {
            case Placeholders.TOPIC -> ByteBufUtil.writeAscii(out, "room-7");
            case Placeholders.RUN -> Placeholders.writeRunId(out, 0x1a2b3c4dL);
            default -> Placeholders.writeDecimal(out, 7);
        }
    }

    @Override
    public void subscribed() {
        subscribed = true;
    }

    @Override
    public void rejected(String why) {
        trouble = "rejected: " + why;
    }

    @Override
    public void deliver(ByteBuf buf, int index, int length) {
        delivered++;
        if (scanning) {
            StampScanner.scan(buf, index, length, stamps);
        }
    }

    @Override
    public void violated(FailureReason reason, String why) {
        trouble = reason.key() + ": " + why;
    }
}
