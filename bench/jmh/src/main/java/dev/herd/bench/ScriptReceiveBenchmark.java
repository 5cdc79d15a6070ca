package dev.herd.bench;

import dev.herd.engine.protocol.script.Script;
import dev.herd.engine.protocol.script.ScriptProtocol;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
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

/**
 * Cost of a script protocol's receive path for one whole WebSocket message, through the stage as the pipeline calls
 * it: the {@code on} rules checked in order, then either the stamp scan of the whole frame ({@code delivered}: a
 * stamped JSON message that matches no rule) or nothing ({@code ownFrame}: an ack that the second rule keeps as the
 * protocol's own). Both rules are literals or both regular expressions ({@code rules}).
 *
 * <pre>{@code
 * bench/jmh.sh ScriptReceiveBenchmark
 * }</pre>
 *
 * <p>Frames are direct pooled buffers, as Netty delivers them; each call retains the frame once because the stage
 * releases it. The benchmark thread is not one of Netty's, so the regex rules reach their per-loop matcher through
 * the JDK's ThreadLocal rather than Netty's faster FastThreadLocal: on an event loop they cost a little less.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ScriptReceiveBenchmark {

    /** How the {@code on} rules are written. */
    public enum Rules {
        /** {@code "type":"ping"} (reply) and {@code "type":"ack"}: byte searches. */
        LITERAL,
        /** {@code re:"type":"p[io]ng"} and {@code re:"type":"(ack|receipt)"}: regular expressions over the bytes. */
        REGEX
    }

    @Param({"256", "4096"})
    int size;

    @Param
    Rules rules;

    private final ScanningProtocolSession session = new ScanningProtocolSession();
    private ProtocolStageHarness harness;
    private TextWebSocketFrame data;
    private TextWebSocketFrame ack;

    @Setup
    public void setUp() {
        Script script = switch (rules) {
            case LITERAL -> Script.builder("bench").on("\"type\":\"ping\"", "{\"type\":\"pong\"}")
                    .ignore("\"type\":\"ack\"").build();
            case REGEX -> Script.builder("bench").on("re:\"type\":\"p[io]ng\"", "{\"type\":\"pong\"}")
                    .ignore("re:\"type\":\"(ack|receipt)\"").build();
        };
        harness = new ProtocolStageHarness(ScriptProtocol.of(script), session);
        data = ProtocolStageHarness.text(new String(Payloads.json(size, 123_456), StandardCharsets.US_ASCII));
        ack = ProtocolStageHarness.text("{\"type\":\"ack\",\"id\":42,\"pad\":\"" + "x".repeat(Math.max(0, size - 30))
                + "\"}");
        harness.check(data, 1);
        harness.check(ack, 0);
    }

    @TearDown
    public void tearDown() {
        data.release();
        ack.release();
        harness.close();
    }

    @Benchmark
    public void delivered(Blackhole blackhole) {
        session.stamps.blackhole = blackhole;
        harness.read(data);
    }

    @Benchmark
    public void ownFrame(Blackhole blackhole) {
        session.stamps.blackhole = blackhole;
        harness.read(ack);
    }
}
