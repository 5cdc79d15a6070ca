package dev.herd.engine.protocol;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ResourceLeakDetector;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * Measures what a protocol stage allocates per data message once warm, with the thread's allocation counter: the
 * receive path's no-allocation rule as a test (JMH in bench/jmh gives the figures). Not a speed test.
 *
 * <pre>{@code
 * WebSocketFrame message = ReceiveAllocation.text("42[\"message\",\"~h1.…~\"]");
 * double bytes = ReceiveAllocation.bytesPerMessage(channel, 20_000, message);   // the stage subscribed already
 * assertThat(bytes).isLessThan(1.0);
 * }</pre>
 */
public final class ReceiveAllocation {

    private ReceiveAllocation() {
    }

    /**
     * A whole text message as Netty's aggregator hands it on, in a direct buffer the leak detector does not track
     * (its records of each access would be counted as the stage's allocation). Released by the caller.
     */
    public static WebSocketFrame text(String text) {
        return new TextWebSocketFrame(untracked(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A whole binary message, as {@link #text}. */
    public static WebSocketFrame binary(byte[] bytes) {
        return new BinaryWebSocketFrame(untracked(bytes));
    }

    /**
     * Bytes this thread allocates per message while the pipeline of {@code channel} reads {@code messages} in turn
     * {@code rounds} times, after as many reads to warm up. Each message is retained for each read (the stage releases
     * it), so it stays usable. Skips the test where the JVM cannot count a thread's allocations.
     */
    public static double bytesPerMessage(EmbeddedChannel channel, int rounds, WebSocketFrame... messages) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();
        read(channel, rounds, messages);
        long before = threads.getCurrentThreadAllocatedBytes();
        read(channel, rounds, messages);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        return (double) allocated / ((long) rounds * messages.length);
    }

    private static void read(EmbeddedChannel channel, int rounds, WebSocketFrame[] messages) {
        for (int i = 0; i < rounds; i++) {
            for (WebSocketFrame message : messages) {
                channel.pipeline().fireChannelRead(message.retain());
            }
        }
    }

    private static ByteBuf untracked(byte[] bytes) {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try {
            return Unpooled.directBuffer(Math.max(1, bytes.length)).writeBytes(bytes);
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }
}
