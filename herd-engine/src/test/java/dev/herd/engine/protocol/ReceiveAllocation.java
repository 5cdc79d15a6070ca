package dev.herd.engine.protocol;

import static org.assertj.core.api.Assumptions.assumeThat;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.receive.ReceiveBudget;
import dev.herd.engine.stamp.StampListener;
import dev.herd.engine.stamp.StampScanner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ResourceLeakDetector;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Measures what a protocol stage allocates per data message once warm, with the thread's allocation counter: the
 * receive path's no-allocation rule as a test (JMH in bench/jmh gives the figures). Not a speed test.
 *
 * <pre>{@code
 * double bytes = ReceiveAllocation.perDelivery(protocol::newStage, message, "0{...}", "40", "430[]");
 * assertThat(bytes).isLessThan(1.0);
 * }</pre>
 */
public final class ReceiveAllocation {

    private static final int ROUNDS = 20_000;

    private ReceiveAllocation() {
    }

    /**
     * Bytes allocated per delivery of {@code message} (one or more data messages) after the server's {@code handshake}
     * messages; skips the test where the JVM cannot count a thread's allocations.
     */
    public static double perDelivery(Function<ProtocolSession, ProtocolStage> stage, String message,
                                     String... handshake) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();

        // Buffers made while leak detection is off are not tracked; paranoid tracking allocates on every access.
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        CountingSession session = new CountingSession();
        EmbeddedChannel channel;
        TextWebSocketFrame frame;
        try {
            channel = new EmbeddedChannel(stage.apply(session));
            channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
            for (String text : handshake) {
                channel.writeInbound(new TextWebSocketFrame(text));
            }
            channel.releaseOutbound();
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            ByteBuf content = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
            frame = new TextWebSocketFrame(content);
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
        if (!session.subscribed) {
            throw new AssertionError("the stage did not subscribe after the handshake");
        }
        try {
            for (int i = 0; i < ROUNDS; i++) {
                channel.pipeline().fireChannelRead(frame.retain());
            }
            long deliveriesBefore = session.deliveries;
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < ROUNDS; i++) {
                channel.pipeline().fireChannelRead(frame.retain());
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            long deliveries = session.deliveries - deliveriesBefore;
            if (deliveries < ROUNDS || session.stamps < deliveries) {
                throw new AssertionError(deliveries + " deliveries and " + session.stamps + " stamps for " + ROUNDS
                        + " messages");
            }
            return (double) allocated / deliveries;
        } finally {
            frame.release();
            channel.finishAndReleaseAll();
        }
    }

    /** Counts deliveries and scans them for stamps, as herd's session does; fails on anything else. */
    private static final class CountingSession implements ProtocolSession, FrameValues, StampListener {
        boolean subscribed;
        long deliveries;
        long stamps;

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
            throw new AssertionError("rejected: " + why);
        }

        @Override
        public void deliver(ByteBuf buf, int index, int length) {
            deliveries++;
            StampScanner.scan(buf, index, length, this);
        }

        @Override
        public void violated(FailureReason reason, String why) {
            throw new AssertionError(reason.key() + ": " + why);
        }

        @Override
        public void write(String name, ByteBuf out) {
            out.writeCharSequence(name.equals(Placeholders.TOPIC) ? "topic-0" : "0", StandardCharsets.US_ASCII);
        }

        @Override
        public void onStamp(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
            stamps++;
        }

        @Override
        public void onMalformed() {
            throw new AssertionError("a malformed stamp");
        }
    }
}
