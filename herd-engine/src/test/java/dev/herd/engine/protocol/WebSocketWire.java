package dev.herd.engine.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a server puts on the wire (RFC 6455 §5.2: unmasked frames), and a channel that reads it as herd's pipeline
 * does: Netty's frame decoder and message aggregator before a protocol stage.
 *
 * <pre>{@code
 * byte[] wire = WebSocketWire.concat(WebSocketWire.text("CONNECTED\n\n\0"), WebSocketWire.fragmentedText("MESSAGE…", 3));
 * EmbeddedChannel ch = WebSocketWire.channel(stage);
 * ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, cut));
 * ch.writeInbound(Unpooled.wrappedBuffer(wire, cut, wire.length - cut));
 * }</pre>
 */
public final class WebSocketWire {

    public static final int MAX_MESSAGE_BYTES = 1 << 20;

    private static final int FIN = 0x80;
    private static final int CONTINUATION = 0x0;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;

    private WebSocketWire() {
    }

    /** A channel reading raw server bytes: frame decoder, aggregator (1 MiB), then {@code stage}. */
    public static EmbeddedChannel channel(ProtocolStage stage) {
        WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false)
                .allowMaskMismatch(false).maxFramePayloadLength(MAX_MESSAGE_BYTES).build();
        return new EmbeddedChannel(new WebSocket13FrameDecoder(config),
                new WebSocketFrameAggregator(MAX_MESSAGE_BYTES), stage);
    }

    /**
     * Writes {@code wire} into {@code ch} in pieces cut at {@code cuts} (ascending offsets); returns the pieces, which
     * the pipeline should have released once the channel is finished.
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

    public static byte[] text(String payload) {
        return frame(FIN | TEXT, payload.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] binary(byte[] payload) {
        return frame(FIN | BINARY, payload);
    }

    /** One text message sent as {@code parts} frames: the first a text frame, then continuations. */
    public static byte[] fragmentedText(String payload, int parts) {
        return fragmented(TEXT, payload.getBytes(StandardCharsets.UTF_8), parts);
    }

    /** One binary message sent as {@code parts} frames. */
    public static byte[] fragmentedBinary(byte[] payload, int parts) {
        return fragmented(BINARY, payload, parts);
    }

    private static byte[] fragmented(int opcode, byte[] payload, int parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int per = Math.max(1, (payload.length + parts - 1) / parts);
        int from = 0;
        for (int k = 0; k < parts; k++) {
            int to = k == parts - 1 ? payload.length : Math.min(payload.length, from + per);
            byte[] part = new byte[to - from];
            System.arraycopy(payload, from, part, 0, part.length);
            out.writeBytes(frame((k == parts - 1 ? FIN : 0) | (k == 0 ? opcode : CONTINUATION), part));
            from = to;
        }
        return out.toByteArray();
    }

    /** One unmasked frame: first byte, length in its shortest form, payload. */
    public static byte[] frame(int firstByte, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int n = payload.length;
        if (n < 126) {
            out.write(n);
        } else if (n <= 0xFFFF) {
            out.write(126);
            out.write(n >>> 8);
            out.write(n & 0xFF);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) n >>> shift) & 0xFF);
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
