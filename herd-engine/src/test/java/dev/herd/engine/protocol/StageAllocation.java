package dev.herd.engine.protocol;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.lang.management.ManagementFactory;

/**
 * Measures what a protocol stage's receive path allocates on this thread: one reused WebSocket message read again and
 * again straight into the stage. Not a speed test: it checks the no-allocation rule, which JMH measures in bench/jmh.
 *
 * <pre>{@code
 * long bytes = StageAllocation.bytesAllocated(ch, stage, frame, 2_000);   // after as many reads to warm up
 * }</pre>
 */
public final class StageAllocation {

    private StageAllocation() {
    }

    /**
     * Reads {@code frame} into {@code stage} {@code rounds} times to warm up, then {@code rounds} times measured;
     * returns the bytes the measured reads allocated. The frame is retained for each read, so it stays usable.
     */
    public static long bytesAllocated(EmbeddedChannel ch, ProtocolStage stage, WebSocketFrame frame, int rounds) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();
        ChannelHandlerContext ctx = ch.pipeline().context(stage);
        for (int i = 0; i < rounds; i++) {
            stage.channelRead(ctx, frame.retain());
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < rounds; i++) {
            stage.channelRead(ctx, frame.retain());
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
