package dev.herd.engine.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a server sends, as the bytes on the wire (RFC 6455 frames, unmasked), and the client pipeline that reads them:
 * Netty's frame decoder and aggregator in front of the stage under test, as in herd's own pipeline.
 *
 * <pre>{@code
 * byte[] wire = new ServerWire().text("0{...}").fragmented("42[\"message\",\"héllo\"]", 7).bytes();
 * EmbeddedChannel ch = ServerWire.client(stage);
 * }</pre>
 */
public final class ServerWire {

    private static final int MAX_BYTES = 1 << 16;

    private final List<WebSocketFrame> frames = new ArrayList<>();

    /** One text message in one frame. */
    public ServerWire text(String message) {
        frames.add(new TextWebSocketFrame(message));
        return this;
    }

    /** One binary message in one frame. */
    public ServerWire binary(byte[] message) {
        frames.add(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message)));
        return this;
    }

    /** One text message in two frames, cut after {@code cut} bytes (a UTF-8 sequence may be cut too). */
    public ServerWire fragmented(String message, int cut) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        frames.add(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(bytes, 0, cut)));
        frames.add(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut)));
        return this;
    }

    /** The frames encoded as a server writes them. */
    public byte[] bytes() {
        EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (WebSocketFrame frame : frames) {
            encoder.writeOutbound(frame);
            for (ByteBuf buf = encoder.readOutbound(); buf != null; buf = encoder.readOutbound()) {
                byte[] b = new byte[buf.readableBytes()];
                buf.readBytes(b);
                buf.release();
                out.writeBytes(b);
            }
        }
        encoder.finishAndReleaseAll();
        return out.toByteArray();
    }

    /** A client pipeline: frame decoder, aggregator, then {@code stage}. */
    public static EmbeddedChannel client(ChannelHandler stage) {
        return new EmbeddedChannel(new WebSocket13FrameDecoder(false, true, MAX_BYTES),
                new WebSocketFrameAggregator(MAX_BYTES), stage);
    }

    /** The text of every frame the stage wrote, in order; each is released. */
    public static List<String> written(EmbeddedChannel channel) {
        List<String> texts = new ArrayList<>();
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            WebSocketFrame frame = (WebSocketFrame) o;
            texts.add(frame.content().toString(StandardCharsets.UTF_8));
            frame.release();
        }
        return texts;
    }
}
