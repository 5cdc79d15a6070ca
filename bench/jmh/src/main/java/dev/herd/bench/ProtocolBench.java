package dev.herd.bench;

import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.WireProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * A protocol's stage alone in a channel, taken through its handshake, for a receive-path benchmark: each operation
 * hands it the same whole WebSocket message, retained so that the stage's release leaves it for the next one.
 *
 * <pre>{@code
 * ProtocolBench bench = ProtocolBench.open(protocol, session, "0{...}", "40", "430[]");
 * bench.receive(message);   // a TextWebSocketFrame made by bench.message(...)
 * }</pre>
 */
final class ProtocolBench {

    private final EmbeddedChannel channel;

    private ProtocolBench(EmbeddedChannel channel) {
        this.channel = channel;
    }

    /** The stage of {@code protocol} after the server's {@code handshake} messages; its own frames are dropped. */
    static ProtocolBench open(WireProtocol protocol, ScanningProtocolSession session, String... handshake) {
        EmbeddedChannel channel = new EmbeddedChannel(protocol.newStage(session));
        channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
        for (String message : handshake) {
            channel.writeInbound(new TextWebSocketFrame(message));
        }
        for (Object written = channel.readOutbound(); written != null; written = channel.readOutbound()) {
            ReferenceCountUtil.release(written);
        }
        if (!session.subscribed) {
            throw new IllegalStateException(protocol.name() + " did not subscribe after "
                    + String.join(", ", handshake));
        }
        return new ProtocolBench(channel);
    }

    /** A whole text message in a direct pooled buffer, as Netty's aggregator hands it on. */
    static TextWebSocketFrame message(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf content = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
        return new TextWebSocketFrame(content);
    }

    void receive(TextWebSocketFrame message) {
        channel.pipeline().fireChannelRead(message.retain());
    }

    void close() {
        channel.finishAndReleaseAll();
    }
}
