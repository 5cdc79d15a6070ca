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
 * Cost of one WebSocket message of STOMP MESSAGE frames through a subscribed STOMP stage: frames found in place, each
 * body's stamps scanned, and with {@code ack=client} an ACK written per MESSAGE.
 *
 * <pre>{@code
 * bench/jmh.sh StompReceiveBenchmark
 * }</pre>
 *
 * <p>Each MESSAGE has RabbitMQ's headers and a JSON body of about 200 bytes holding a stamp; frames end with NUL and a
 * newline, as RabbitMQ sends them. The message is a direct pooled buffer, read again for each operation. With
 * {@code ack=auto} the path must allocate nothing; with {@code client} the ACK frames it writes are its allocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class StompReceiveBenchmark {

    @Param({"1", "16"})
    int framesPerMessage;

    @Param({"auto", "client"})
    String ack;

    private ScanningProtocolSession session;
    private ProtocolStageHarness harness;
    private TextWebSocketFrame message;

    @Setup
    public void setUp() {
        session = new ScanningProtocolSession();
        harness = new ProtocolStageHarness(WireProtocols.builtIn("stomp", Map.of("heartbeat", "0", "ack", ack)),
                session);
        harness.receive("CONNECTED\nversion:1.2\nheart-beat:0,0\nserver:RabbitMQ/3.10.8\n\n\0",
                "RECEIPT\nreceipt-id:sub-0\n\n\0");
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < framesPerMessage; n++) {
            String body = new String(Payloads.json(200, n), StandardCharsets.US_ASCII);
            text.append("MESSAGE\nsubscription:0\ndestination:/topic/room-7\nmessage-id:T_0@@session-Ab3x@@").append(n)
                    .append("\nredelivered:false\nack:T_0@@session-Ab3x@@").append(n)
                    .append("\ncontent-type:text/plain\ncontent-length:").append(body.length()).append("\n\n")
                    .append(body).append("\0\n");
        }
        message = ProtocolStageHarness.text(text.toString());
        harness.check(message, framesPerMessage);
    }

    @TearDown
    public void tearDown() {
        message.release();
        harness.close();
    }

    @Benchmark
    public void receive(Blackhole blackhole) {
        session.stamps.blackhole = blackhole;
        harness.read(message);
        harness.discardSent();
    }
}
