package dev.herd.bench;

import dev.herd.engine.protocol.ProtocolStage;
import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.WireProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;

/**
 * A protocol's stage for one subscriber in an {@link EmbeddedChannel}, taken through its handshake, then fed one
 * reused WebSocket message at a time straight into its {@code channelRead}: what a benchmark measures is the stage's
 * receive path, not the channel around it.
 *
 * <pre>{@code
 * ProtocolStageHarness harness = new ProtocolStageHarness(protocol, session);
 * harness.receive("0{...}", "40", "430[]");            // setup: the server's handshake replies
 * TextWebSocketFrame message = ProtocolStageHarness.text("42[\"message\",\"~h1...~\"]");
 * harness.check(message, 1);                           // setup: the message delivers one stamped payload
 * harness.read(message);                               // per operation
 * }</pre>
 */
final class ProtocolStageHarness {

    private final EmbeddedChannel channel;
    private final ProtocolStage stage;
    private final ChannelHandlerContext ctx;
    private final ScanningProtocolSession session;
    private final String name;

    ProtocolStageHarness(WireProtocol protocol, ScanningProtocolSession session) {
        // Leak tracking would wrap buffers and record their accesses: not part of the path measured.
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        this.session = session;
        this.name = protocol.name();
        this.stage = protocol.newStage(session);
        this.channel = new EmbeddedChannel(stage);
        this.ctx = channel.pipeline().context(stage);
        channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
        discardSent();
    }

    /** A whole text message in a direct pooled buffer, as Netty's aggregator hands it on. */
    static TextWebSocketFrame text(String text) {
        return new TextWebSocketFrame(direct(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A whole binary message in a direct pooled buffer. */
    static BinaryWebSocketFrame binary(byte[] bytes) {
        return new BinaryWebSocketFrame(direct(bytes));
    }

    /** The server's handshake replies, each a whole message through the pipeline; what the stage answers is dropped. */
    void receive(WebSocketFrame... replies) {
        for (WebSocketFrame reply : replies) {
            channel.writeInbound(reply);
        }
        discardSent();
    }

    /** The server's handshake replies as text messages. */
    void receive(String... replies) {
        for (String reply : replies) {
            receive(new TextWebSocketFrame(reply));
        }
    }

    /**
     * Reads {@code message} once and checks the stage subscribed and delivered {@code payloads} stamped payloads from
     * it, reporting nothing else: a benchmark measures the path it claims to.
     */
    void check(WebSocketFrame message, int payloads) {
        long before = session.delivered;
        long stampsBefore = session.stampsCounted;
        read(message);
        discardSent();
        long delivered = session.delivered - before;
        long stamps = session.stampsCounted - stampsBefore;
        if (!session.subscribed || session.trouble != null || delivered != payloads || stamps != payloads) {
            throw new IllegalStateException(name + " stage: subscribed " + session.subscribed + ", " + delivered
                    + " payloads and " + stamps + " stamps delivered for " + payloads + ", trouble: " + session.trouble);
        }
    }

    /** Reads {@code message} as the stage's next one; the message is retained for it, so it stays usable. */
    void read(WebSocketFrame message) {
        stage.channelRead(ctx, message.retain());
    }

    /** Releases what the stage wrote (acknowledgements). */
    void discardSent() {
        Object out;
        while ((out = channel.outboundMessages().poll()) != null) {
            ReferenceCountUtil.release(out);
        }
    }

    void close() {
        channel.finishAndReleaseAll();
    }

    private static ByteBuf direct(byte[] bytes) {
        return PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }
}
