package dev.herd.engine.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a server puts on the wire (RFC 6455 §5.2: unmasked frames), and a client pipeline that reads it as herd's does:
 * Netty's frame decoder and message aggregator before the protocol stage under test.
 *
 * <pre>{@code
 * byte[] wire = new ServerWire().text("CONNECTED\n\n\0").fragmentedText("MESSAGE…", 3, 40).bytes();
 * EmbeddedChannel ch = ServerWire.client(stage);
 * List<ByteBuf> pieces = ServerWire.writeCut(ch, wire, cut);   // TCP cut the bytes there
 * }</pre>
 */
public final class ServerWire {

    /** The largest message the client pipeline puts together: herd's default {@code --max-message-bytes}. */
    public static final int MAX_MESSAGE_BYTES = 1 << 20;

    private static final int FIN = 0x80;
    private static final int CONTINUATION = 0x0;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();

    /** One text message in one frame. */
    public ServerWire text(String message) {
        return frame(FIN | TEXT, utf8(message));
    }

    /** One binary message in one frame. */
    public ServerWire binary(byte[] message) {
        return frame(FIN | BINARY, message);
    }

    /**
     * One text message in frames cut after the given byte offsets (ascending): a text frame, then continuations; a
     * UTF-8 sequence may be cut too.
     */
    public ServerWire fragmentedText(String message, int... cuts) {
        return fragmented(TEXT, utf8(message), cuts);
    }

    /** One binary message in frames cut after the given byte offsets (ascending). */
    public ServerWire fragmentedBinary(byte[] message, int... cuts) {
        return fragmented(BINARY, message, cuts);
    }

    /** The frames as a server writes them. */
    public byte[] bytes() {
        return wire.toByteArray();
    }

    /** A client pipeline: frame decoder and aggregator ({@link #MAX_MESSAGE_BYTES}), then {@code stage}. */
    public static EmbeddedChannel client(ChannelHandler stage) {
        WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false)
                .allowMaskMismatch(false).maxFramePayloadLength(MAX_MESSAGE_BYTES).build();
        return new EmbeddedChannel(new WebSocket13FrameDecoder(config),
                new WebSocketFrameAggregator(MAX_MESSAGE_BYTES), stage);
    }

    /**
     * Writes {@code wire} into {@code ch} in pieces cut at {@code cuts} (ascending offsets; empty pieces are left out);
     * returns the pieces, which the pipeline should have released once they are read.
     */
    public static List<ByteBuf> writeCut(EmbeddedChannel ch, byte[] wire, int... cuts) {
        List<ByteBuf> pieces = new ArrayList<>();
        int from = 0;
        for (int k = 0; k <= cuts.length; k++) {
            int to = k < cuts.length ? cuts[k] : wire.length;
            if (to > from) {
                ByteBuf piece = Unpooled.buffer(to - from).writeBytes(wire, from, to - from);
                pieces.add(piece);
                ch.writeInbound(piece);
            }
            from = to;
        }
        return pieces;
    }

    /** Every cut of {@code wire} one byte apart: the bytes one at a time. */
    public static int[] everyByte(byte[] wire) {
        int[] cuts = new int[Math.max(0, wire.length - 1)];
        Arrays.setAll(cuts, i -> i + 1);
        return cuts;
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

    private ServerWire fragmented(int opcode, byte[] payload, int[] cuts) {
        int from = 0;
        for (int k = 0; k <= cuts.length; k++) {
            int to = k < cuts.length ? cuts[k] : payload.length;
            frame((k == cuts.length ? FIN : 0) | (k == 0 ? opcode : CONTINUATION), Arrays.copyOfRange(payload, from, to));
            from = to;
        }
        return this;
    }

    /** One unmasked frame: first byte, the payload's length in its shortest form, the payload. */
    private ServerWire frame(int firstByte, byte[] payload) {
        wire.write(firstByte);
        int n = payload.length;
        if (n < 126) {
            wire.write(n);
        } else if (n <= 0xFFFF) {
            wire.write(126);
            wire.write(n >>> 8);
            wire.write(n & 0xFF);
        } else {
            wire.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                wire.write((int) ((long) n >>> shift) & 0xFF);
            }
        }
        wire.writeBytes(payload);
        return this;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
