package dev.herd.bench;

import dev.herd.engine.protocol.WireProtocols;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
 * Cost of one Socket.IO event on a subscribed connection: the stage finds the packet, checks its type and namespace
 * and delivers it to the stamp scan, which parses the stamp into a blackhole. The whole per-message receive path after
 * Netty's WebSocket decoding.
 *
 * <pre>{@code
 * bench/jmh.sh SocketIoReceiveBenchmark
 * }</pre>
 *
 * <p>The message is {@code 42["message","~h1…~xxx…"]}, the stamp and padding to {@code size} bytes, in a direct
 * pooled buffer; {@code /chat} puts it in a namespace ({@code 42/chat,[…]}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class SocketIoReceiveBenchmark {

    @Param({"128", "1024"})
    int size;

    @Param({"/", "/chat"})
    String namespace;

    private final ScanningProtocolSession session = new ScanningProtocolSession();
    private ProtocolStageHarness harness;
    private TextWebSocketFrame message;

    @Setup
    public void setUp() {
        String prefix = namespace.equals("/") ? "" : namespace + ",";
        harness = new ProtocolStageHarness(WireProtocols.builtIn("socketio", Map.of("namespace", namespace)), session);
        harness.receive("0{\"sid\":\"s\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000}",
                "40" + prefix + "{\"sid\":\"n\"}", "43" + prefix + "0[]");
        message = ProtocolStageHarness.text("42" + prefix + "[\"message\",\""
                + new String(Payloads.plain(size, 123_456), StandardCharsets.US_ASCII) + "\"]");
        harness.check(message, 1);
    }

    @TearDown
    public void tearDown() {
        message.release();
        harness.close();
    }

    @Benchmark
    public void receiveEvent(Blackhole blackhole) {
        session.stamps.blackhole = blackhole;
        harness.read(message);
    }
}
