package dev.herd.engine.protocol.stomp;

import static dev.herd.engine.protocol.stomp.StompFixture.connected;
import static dev.herd.engine.protocol.stomp.StompFixture.protocol;
import static dev.herd.engine.protocol.stomp.StompFixture.receive;
import static dev.herd.engine.protocol.stomp.StompFixture.sent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.protocol.ProtocolStage;
import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.StageAllocation;
import dev.herd.engine.protocol.TracingProtocolSession;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A subscribed STOMP stage reads MESSAGE frames without allocating per message (ack auto, heart-beats on). */
class StompStageAllocationTest {

    private static final int FRAMES = 16;
    private static final int ROUNDS = 2_000;

    @Test
    void readingMessagesAllocatesNothingPerMessageAfterWarmUp() {
        // Buffers made while leak detection is off are not tracked; paranoid tracking allocates on every access.
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        TracingProtocolSession session = TracingProtocolSession.countingSubscriber();
        ProtocolStage stage = protocol().newStage(session);
        EmbeddedChannel ch = new EmbeddedChannel(stage);
        TextWebSocketFrame frame;
        try {
            ch.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
            sent(ch);
            receive(ch, connected("1.2", "10000,10000"));
            sent(ch);
            receive(ch, StompFixture.RECEIPT);
            StringBuilder text = new StringBuilder();
            for (int n = 0; n < FRAMES; n++) {
                text.append(n % 2 == 0 ? StompFixture.message("~h1.1a2b3c4d.0." + n + ".2.3~ body")
                        : StompFixture.measuredMessage("{\"n\":" + n + "}")).append('\n');
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            frame = new TextWebSocketFrame(Unpooled.directBuffer(bytes.length).writeBytes(bytes));
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
        try {
            long allocated = StageAllocation.bytesAllocated(ch, stage, frame, ROUNDS);
            assertThat(session.deliveries()).isEqualTo(2L * ROUNDS * FRAMES);
            // Less than one byte per message: one object per message would be at least 16.
            assertThat(allocated).isLessThan((long) ROUNDS * FRAMES);
            assertThat(session.trace()).containsExactly("subscribed");
        } finally {
            frame.release();
            ch.finishAndReleaseAll();
        }
    }
}
