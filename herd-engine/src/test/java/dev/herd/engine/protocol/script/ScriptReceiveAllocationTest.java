package dev.herd.engine.protocol.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.ReceiveAllocation;
import dev.herd.engine.protocol.RecordingProtocolSession;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;

/**
 * A script's receive path allocates nothing per message: the {@code on} rules, literal and regex, checked in order,
 * then the message delivered or kept as the protocol's own. Not a speed test: it checks the no-allocation rule with
 * the thread's allocation counter, as JMH's ScriptReceiveBenchmark measures it.
 */
class ScriptReceiveAllocationTest {

    private static final int ROUNDS = 50_000;

    @Test
    void matchingRulesAndDeliveringAllocateNothingPerMessage() {
        Script script = Script.builder("alloc")
                .on("re:\"type\":\"p[io]ng\"", "{\"type\":\"pong\"}")
                .ignore("\"type\":\"ack\"")
                .ignore("re:^\\{\\}$")
                .build();
        RecordingProtocolSession session = RecordingProtocolSession.countingSubscriber();
        EmbeddedChannel channel = new EmbeddedChannel(ScriptProtocol.of(script).newStage(session));
        channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
        WebSocketFrame data = ReceiveAllocation.text("{\"type\":\"msg\",\"body\":\"~h1.1.0.2a.0.0~\",\"pad\":\"xxxxxxxxxxxx\"}");
        WebSocketFrame ack = ReceiveAllocation.text("{\"type\":\"ack\",\"id\":42}");
        try {
            double bytes = ReceiveAllocation.bytesPerMessage(channel, ROUNDS, data, ack);

            assertThat(session.deliveries()).isEqualTo(2L * ROUNDS);
            assertThat(session.stamps()).isEqualTo(2L * ROUNDS);
            assertThat(channel.outboundMessages()).isEmpty();
            // Less than one byte per message: one object per message would be at least 16.
            assertThat(bytes).isLessThan(1.0);
        } finally {
            data.release();
            ack.release();
            channel.finishAndReleaseAll();
        }
    }
}
