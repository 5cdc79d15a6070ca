package dev.herd.engine.ws;

import dev.herd.bench.BlackholeStampListener;
import dev.herd.engine.receive.ReceiveBudget;
import dev.herd.engine.stamp.StampScanner;
import dev.herd.engine.stamp.StampWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A raw WebSocket subscriber's receive path for one socket read, from the read buffer to the stamp scan: the
 * decoder reading whole frames in place ({@code IN_PLACE}, herd's path since issue 15) against Netty's frame decoder
 * and aggregator handing frame objects to a handler ({@code FRAMES}, herd's path before). Both check UTF-8 and scan
 * every message's stamp into JMH's blackhole. In the benchmarks' jar but in the engine's package: the decoder is
 * package-private.
 *
 * <pre>{@code
 * bench/jmh.sh WsReceiveBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class WsReceiveBenchmark {

    /** How whole frames reach the stamp scan. */
    public enum Path { IN_PLACE, FRAMES }

    @Param
    Path path;

    /** Messages in one socket read: 1 at a light rate, more when the server's writes coalesce. */
    @Param({"1", "16"})
    int framesPerRead;

    /** Bytes of each message: a stamp (55 bytes) and padding. */
    @Param({"64", "1024"})
    int size;

    private EmbeddedChannel channel;
    private ByteBuf read;
    private final Scan scan = new Scan();

    /** Checks UTF-8 and scans a message's stamp into the blackhole, as herd's handler does. */
    private static final class Scan implements WsFrameDecoder.InPlaceMessages {
        final Utf8Validation utf8 = new Utf8Validation();
        final BlackholeStampListener stamps = new BlackholeStampListener();

        @Override
        public void message(ByteBuf buf, int index, int length, boolean text) {
            if (!text || utf8.isValid(buf, index, length)) {
                StampScanner.scan(buf, index, length, stamps);
            }
        }
    }

    @Setup
    public void setUp() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < framesPerRead; i++) {
            byte[] payload = payload(i);
            wire.write(0x81); // FIN, text
            if (payload.length < 126) {
                wire.write(payload.length);
            } else {
                wire.write(126);
                wire.write(payload.length >>> 8);
                wire.write(payload.length & 0xFF);
            }
            wire.writeBytes(payload);
        }
        byte[] bytes = wire.toByteArray();
        read = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
        int max = 1 << 20;
        if (path == Path.IN_PLACE) {
            WsFrameDecoder decoder = new WsFrameDecoder(false, max, new ReceiveBudget(64L << 20));
            decoder.readInPlace(scan);
            channel = new EmbeddedChannel(decoder);
        } else {
            WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false)
                    .allowMaskMismatch(false).maxFramePayloadLength(max).build();
            channel = new EmbeddedChannel(new WebSocket13FrameDecoder(config), new WebSocketFrameAggregator(max),
                    new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            WebSocketFrame frame = (WebSocketFrame) msg;
                            try {
                                scan.message(frame.content(), frame.content().readerIndex(),
                                        frame.content().readableBytes(), true);
                            } finally {
                                frame.release();
                            }
                        }
                    });
        }
    }

    private byte[] payload(int seq) {
        byte[] payload = new byte[Math.max(size, StampWriter.MAX_LENGTH)];
        java.util.Arrays.fill(payload, (byte) 'x');
        int length = StampWriter.write(payload, 0, 0x1a2b3c4dL, 7, seq, 1_764_000_000_123_456_789L,
                1_764_000_000_123_481_789L);
        return size < length ? java.util.Arrays.copyOf(payload, length) : payload;
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
        read.release();
    }

    /** One socket read: every frame in it through the path to the stamp scan. */
    @Benchmark
    public void receive(Blackhole blackhole) {
        scan.stamps.blackhole = blackhole;
        read.readerIndex(0);
        channel.pipeline().fireChannelRead(read.retain());
    }
}
