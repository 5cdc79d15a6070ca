package dev.herd.bench;

import dev.herd.engine.sse.SseEventListener;
import dev.herd.engine.sse.SseEventParser;
import dev.herd.engine.stamp.StampScanner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Cost of parsing one SSE chunk through a reused parser, alone and with the stamp scan of each event's data: the
 * whole per-chunk receive path of an SSE subscriber.
 *
 * <pre>{@code
 * bench/jmh.sh SseParseBenchmark
 * }</pre>
 *
 * <p>Each event is {@code id}, {@code event} and a JSON {@code data} line of about 200 bytes holding a stamp, as the
 * reference target sends. The chunk is a direct pooled buffer, rewound before each parse.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class SseParseBenchmark {

    @Param({"1", "16"})
    int eventsPerChunk;

    private SseEventParser parser;
    private ByteBuf chunk;
    private final ConsumingListener consuming = new ConsumingListener();
    private final ScanningListener scanning = new ScanningListener();

    @Setup
    public void setUp() {
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < eventsPerChunk; n++) {
            text.append("id: ").append(1000 + n).append('\n')
                    .append("event: msg\n")
                    .append("data: ").append(new String(Payloads.json(200, n), StandardCharsets.US_ASCII))
                    .append("\n\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        chunk = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
        parser = new SseEventParser(PooledByteBufAllocator.DEFAULT, 64 * 1024);
    }

    @TearDown
    public void tearDown() {
        parser.close();
        chunk.release();
    }

    @Benchmark
    public void parse(Blackhole blackhole) {
        consuming.blackhole = blackhole;
        chunk.readerIndex(0);
        parser.parse(chunk, consuming);
    }

    @Benchmark
    public void parseAndScanStamps(Blackhole blackhole) {
        scanning.stamps.blackhole = blackhole;
        chunk.readerIndex(0);
        parser.parse(chunk, scanning);
    }

    /** Consumes each event's sizes, so the parse cannot be optimised away. */
    private static final class ConsumingListener implements SseEventListener {
        Blackhole blackhole;

        @Override
        public void onEvent(ByteBuf data, ByteBuf eventType) {
            blackhole.consume(data.readableBytes() + eventType.readableBytes());
        }
    }

    /** Scans each event's data for stamps, as an SSE subscriber does. */
    private static final class ScanningListener implements SseEventListener {
        final BlackholeStampListener stamps = new BlackholeStampListener();

        @Override
        public void onEvent(ByteBuf data, ByteBuf eventType) {
            StampScanner.scan(data, stamps);
        }
    }
}
