package dev.herd.bench;

import dev.herd.engine.protocol.ProtocolStage;
import dev.herd.engine.protocol.ProtocolStarted;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * A protocol stage in an {@link EmbeddedChannel}, fed one reused WebSocket message at a time straight into its
 * {@code channelRead}: what the benchmark measures is the stage's receive path, not the channel around it.
 *
 * <pre>{@code
 * ProtocolStageHarness harness = new ProtocolStageHarness(stage);
 * harness.receive(handshakeReply);              // setup: replies the stage waits for
 * harness.read(frame);                          // per operation: the frame is retained, read, released
 * }</pre>
 */
final class ProtocolStageHarness {

    private final EmbeddedChannel channel;
    private final ProtocolStage stage;
    private final ChannelHandlerContext ctx;

    ProtocolStageHarness(ProtocolStage stage) {
        this.stage = stage;
        this.channel = new EmbeddedChannel(stage);
        this.ctx = channel.pipeline().context(stage);
        channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
        discardSent();
    }

    /** One whole message through the pipeline, as in a handshake; what the stage answers is discarded. */
    void receive(WebSocketFrame frame) {
        channel.writeInbound(frame);
        discardSent();
    }

    /** Reads {@code frame} (its reader index rewound) as the stage's next message; the frame stays usable. */
    void read(WebSocketFrame frame) {
        ByteBuf content = frame.content();
        content.readerIndex(0);
        stage.channelRead(ctx, frame.retain());
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
}
