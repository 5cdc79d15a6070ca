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
 * Cost of one graphql-ws {@code next} on a subscribed connection: the stage reads the message's type and id at the
 * top level of its JSON and delivers it to the stamp scan, which parses the stamp into a blackhole. The whole
 * per-message receive path after Netty's WebSocket decoding.
 *
 * <pre>{@code
 * bench/jmh.sh GraphqlWsReceiveBenchmark
 * }</pre>
 *
 * <p>The message is {@code {"id":"1","type":"next","payload":{"data":{"messages":"~h1…~xxx…"}}}}, the stamp and
 * padding to {@code size} bytes, in a direct pooled buffer; {@code idLast} puts the payload first and the id last, so
 * the payload is skipped through rather than left unread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class GraphqlWsReceiveBenchmark {

    @Param({"128", "1024"})
    int size;

    @Param({"false", "true"})
    boolean idLast;

    private final ScanningProtocolSession session = new ScanningProtocolSession();
    private ProtocolStageHarness harness;
    private TextWebSocketFrame message;

    @Setup
    public void setUp() {
        harness = new ProtocolStageHarness(WireProtocols.builtIn("graphql-ws",
                Map.of("query", "subscription($topic:String!){messages(topic:$topic)}")), session);
        harness.receive("{\"type\":\"connection_ack\"}");
        String payload = "\"payload\":{\"data\":{\"messages\":\""
                + new String(Payloads.plain(size, 123_456), StandardCharsets.US_ASCII) + "\"}}";
        message = ProtocolStageHarness.text(idLast ? "{" + payload + ",\"type\":\"next\",\"id\":\"1\"}"
                : "{\"id\":\"1\",\"type\":\"next\"," + payload + "}");
        harness.check(message, 1);
    }

    @TearDown
    public void tearDown() {
        message.release();
        harness.close();
    }

    @Benchmark
    public void receiveNext(Blackhole blackhole) {
        session.stamps.blackhole = blackhole;
        harness.read(message);
    }
}
