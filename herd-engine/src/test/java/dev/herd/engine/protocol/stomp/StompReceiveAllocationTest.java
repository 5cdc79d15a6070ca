package dev.herd.engine.protocol.stomp;

import static dev.herd.engine.protocol.stomp.StompFixture.protocol;
import static dev.herd.engine.protocol.stomp.StompFixture.subscribed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.protocol.ReceiveAllocation;
import dev.herd.engine.protocol.RecordingProtocolSession;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;

/** A subscribed STOMP stage reads MESSAGE frames without allocating per message (ack auto, heart-beats on). */
class StompReceiveAllocationTest {

    private static final int FRAMES = 16;
    private static final int ROUNDS = 2_000;

    @Test
    void readingMessagesAllocatesNothingPerMessageAfterWarmUp() {
        RecordingProtocolSession session = RecordingProtocolSession.countingSubscriber();
        EmbeddedChannel ch = subscribed(protocol(), session, "1.2", "10000,10000");
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < FRAMES; n++) {
            text.append(n % 2 == 0 ? StompFixture.message("~h1.1a2b3c4d.0." + n + ".2.3~ body")
                    : StompFixture.measuredMessage("{\"n\":" + n + "}")).append('\n');
        }
        WebSocketFrame message = ReceiveAllocation.text(text.toString());
        try {
            double bytes = ReceiveAllocation.bytesPerMessage(ch, ROUNDS, message);
            assertThat(session.deliveries()).isEqualTo(2L * ROUNDS * FRAMES);
            assertThat(session.stamps()).isEqualTo(ROUNDS * FRAMES);
            // Less than one byte per frame: one object per frame would be at least 16.
            assertThat(bytes).isLessThan(FRAMES);
            assertThat(session.trace()).isEmpty();
        } finally {
            message.release();
            ch.finishAndReleaseAll();
        }
    }
}
