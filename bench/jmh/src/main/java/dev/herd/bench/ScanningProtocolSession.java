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
 * A subscriber's protocol session for the protocol benchmarks: each delivered payload is scanned for stamps in place,
 * as herd's WebSocket session does, into a blackhole; anything else the stage reports fails the benchmark.
 *
 * <pre>{@code
 * session.stamps.blackhole = blackhole;   // in each @Benchmark method
 * channel.pipeline().fireChannelRead(frame.retain());
 * }</pre>
 */
final class ScanningProtocolSession implements ProtocolSession, FrameValues {

    final BlackholeStampListener stamps = new BlackholeStampListener();
    boolean subscribed;

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
    public void subscribed() {
        subscribed = true;
    }

    @Override
    public void rejected(String why) {
        throw new IllegalStateException("rejected: " + why);
    }

    @Override
    public void deliver(ByteBuf buf, int index, int length) {
        StampScanner.scan(buf, index, length, stamps);
    }

    @Override
    public void violated(FailureReason reason, String why) {
        throw new IllegalStateException(reason.key() + ": " + why);
    }

    @Override
    public void write(String name, ByteBuf out) {
        switch (name) {
            case Placeholders.TOPIC -> ByteBufUtil.writeAscii(out, "topic-7");
            case Placeholders.TOPIC_INDEX -> Placeholders.writeDecimal(out, 7);
            default -> throw new IllegalStateException("no value for {{" + name + "}}");
        }
    }
}
