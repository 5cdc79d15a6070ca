package dev.herd.engine.protocol.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.protocol.FrameValues;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.protocol.ProtocolStage;
import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A script's receive path allocates nothing per message: the {@code on} rules, literal and regex, checked in order,
 * then the message delivered or kept as the protocol's own. Not a speed test: it checks the no-allocation rule with
 * the thread's allocation counter, as JMH's ScriptReceiveBenchmark measures it.
 */
class ScriptReceiveAllocationTest {

    private static final int MESSAGES = 50_000;

    @Test
    void matchingRulesAndDeliveringAllocateNothingPerMessage() {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        Script script = Script.builder("alloc")
                .on("re:\"type\":\"p[io]ng\"", "{\"type\":\"pong\"}")
                .ignore("\"type\":\"ack\"")
                .ignore("re:^\\{\\}$")
                .build();
        CountingSession session = new CountingSession();
        ProtocolStage stage = ScriptProtocol.of(script).newStage(session);
        EmbeddedChannel channel = new EmbeddedChannel(stage);
        channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
        ChannelHandlerContext ctx = channel.pipeline().context(stage);
        // wrappedBuffer is not tracked by the leak detector, whose paranoid records would allocate per read.
        TextWebSocketFrame data = frame("{\"type\":\"msg\",\"body\":\"~h1.1.0.2a.0.0~\",\"pad\":\"xxxxxxxxxxxx\"}");
        TextWebSocketFrame ack = frame("{\"type\":\"ack\",\"id\":42}");

        receive(stage, ctx, data, ack);
        long before = threads.getCurrentThreadAllocatedBytes();
        receive(stage, ctx, data, ack);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(session.delivered).isEqualTo(2L * MESSAGES);
        assertThat(channel.outboundMessages()).isEmpty();
        // Less than one byte per message: one object per message would be at least 16.
        assertThat(allocated).isLessThan(2L * MESSAGES);
        channel.finishAndReleaseAll();
    }

    private static void receive(ProtocolStage stage, ChannelHandlerContext ctx, TextWebSocketFrame data,
                                TextWebSocketFrame ack) {
        for (int i = 0; i < MESSAGES; i++) {
            // The stage releases each message it reads: retained once more, the same frame is read again.
            stage.channelRead(ctx, data.retain());
            stage.channelRead(ctx, ack.retain());
        }
    }

    private static TextWebSocketFrame frame(String text) {
        return new TextWebSocketFrame(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();
        return threads;
    }

    /** Counts what is delivered, allocating nothing. */
    private static final class CountingSession implements ProtocolSession {
        long delivered;

        @Override
        public ClientRole role() {
            return ClientRole.SUBSCRIBER;
        }

        @Override
        public FrameValues values() {
            return (name, out) -> { };
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
        }

        @Override
        public void rejected(String why) {
        }

        @Override
        public void deliver(ByteBuf buf, int index, int length) {
            delivered++;
        }

        @Override
        public void violated(FailureReason reason, String why) {
        }
    }
}
