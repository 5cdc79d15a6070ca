package dev.herd.bench;

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

import java.util.concurrent.TimeUnit;

/**
 * Cost of finding and parsing the stamps in one received frame, by frame size and payload shape.
 *
 * <pre>{@code
 * bench/jmh.sh StampScanBenchmark
 * }</pre>
 *
 * <p>Frames are direct pooled buffers, as Netty delivers them. A size smaller than the content (the 64-byte JSON
 * and two-stamp frames) means no padding: the frame is just the content.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class StampScanBenchmark {

    /** Where the stamp sits in the frame. */
    public enum Shape {
        /** Stamp, then padding: herd's default payload. */
        PLAIN,
        /** Stamp inside a JSON envelope, padding after it. */
        JSON,
        /** Two stamped messages batched in one frame. */
        TWO_STAMPS
    }

    @Param({"64", "1024", "16384"})
    int size;

    @Param
    Shape shape;

    private ByteBuf frame;
    private final BlackholeStampListener listener = new BlackholeStampListener();

    @Setup
    public void setUp() {
        byte[] content = switch (shape) {
            case PLAIN -> Payloads.plain(size, 123_456);
            case JSON -> Payloads.json(size, 123_456);
            case TWO_STAMPS -> Payloads.twoStamps(size, 123_456);
        };
        frame = PooledByteBufAllocator.DEFAULT.directBuffer(content.length).writeBytes(content);
        if (StampScanner.scan(frame, new CheckingListener()) != (shape == Shape.TWO_STAMPS ? 2 : 1)) {
            throw new IllegalStateException("benchmark frame does not hold the stamps it should");
        }
    }

    @TearDown
    public void tearDown() {
        frame.release();
    }

    @Benchmark
    public int scan(Blackhole blackhole) {
        listener.blackhole = blackhole;
        return StampScanner.scan(frame, listener);
    }

    /** Used once in set-up, to make sure the payload is what the benchmark claims. */
    private static final class CheckingListener implements dev.herd.engine.stamp.StampListener {
        @Override
        public void onStamp(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
        }

        @Override
        public void onMalformed() {
            throw new IllegalStateException("benchmark frame holds a malformed stamp");
        }
    }
}
