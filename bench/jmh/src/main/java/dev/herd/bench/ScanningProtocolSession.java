package dev.herd.bench;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.protocol.FrameValues;
import dev.herd.engine.protocol.Placeholders;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.receive.ReceiveBudget;
import dev.herd.engine.stamp.StampListener;
import dev.herd.engine.stamp.StampScanner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * A subscriber's protocol session for the protocol benchmarks: each delivered payload is scanned for stamps in place,
 * as herd's WebSocket session does, into JMH's blackhole once a benchmark method has set it, and counted before (a
 * setup checks the path it measures delivers stamped payloads); anything else the stage reports is kept as trouble.
 * Placeholders get fixed values: topic {@code room-7}, run {@code 1a2b3c4d}, 7 for the rest.
 *
 * <pre>{@code
 * ScanningProtocolSession session = new ScanningProtocolSession();
 * ProtocolStageHarness harness = new ProtocolStageHarness(WireProtocols.builtIn("mqtt", Map.of()), session);
 * session.stamps.blackhole = blackhole;   // in each @Benchmark method
 * }</pre>
 */
final class ScanningProtocolSession implements ProtocolSession, FrameValues, StampListener {

    final BlackholeStampListener stamps = new BlackholeStampListener();
    private final ReceiveBudget budget = new ReceiveBudget(ReceiveBudget.DEFAULT_MAX_BYTES);
    boolean subscribed;
    /** Payloads delivered and stamps counted while no blackhole was set. */
    long delivered;
    long stampsCounted;
    /** Anything the stage reported besides deliveries: it must stay null. */
    String trouble;

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
        return budget.share();
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
        if (stamps.blackhole != null) {
            StampScanner.scan(buf, index, length, stamps);
        } else {
            delivered++;
            StampScanner.scan(buf, index, length, this);
        }
    }

    @Override
    public void violated(FailureReason reason, String why) {
        trouble = reason.key() + ": " + why;
    }

    @Override
    public void onStamp(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
        stampsCounted++;
    }

    @Override
    public void onMalformed() {
        trouble = "a malformed stamp";
    }
}
