package dev.herd.bench;

import dev.herd.engine.protocol.WireProtocols;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
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
 * Cost of one WebSocket message of MQTT PUBLISH packets through a subscribed MQTT stage: packets found in place, each
 * payload's stamps scanned, and at QoS 1 a PUBACK written per PUBLISH.
 *
 * <pre>{@code
 * bench/jmh.sh MqttReceiveBenchmark
 * }</pre>
 *
 * <p>Each PUBLISH carries a JSON payload of about 200 bytes holding a stamp, on topic {@code room-7}. The message is a
 * direct pooled buffer, read again for each operation. At QoS 0 the path must allocate nothing; at QoS 1 the PUBACK
 * frames it writes are its allocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class MqttReceiveBenchmark {

    @Param({"1", "16"})
    int packetsPerMessage;

    @Param({"0", "1"})
    int qos;

    @Param({"3.1.1", "5"})
    String version;

    private ScanningProtocolSession session;
    private ProtocolStageHarness harness;
    private BinaryWebSocketFrame message;

    @Setup
    public void setUp() {
        boolean v5 = version.equals("5");
        session = new ScanningProtocolSession();
        harness = new ProtocolStageHarness(WireProtocols.builtIn("mqtt", Map.of("keepalive", "0", "version", version,
                "qos", Integer.toString(qos))), session);
        harness.receive(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(v5
                ? new byte[]{0x20, 3, 0, 0, 0} : new byte[]{0x20, 2, 0, 0})));
        harness.receive(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(v5
                ? new byte[]{(byte) 0x90, 4, 0, 1, 0, (byte) qos} : new byte[]{(byte) 0x90, 3, 0, 1, (byte) qos})));
        ByteBuf content = Unpooled.buffer();
        byte[] topic = {'r', 'o', 'o', 'm', '-', '7'};
        for (int n = 0; n < packetsPerMessage; n++) {
            byte[] payload = Payloads.json(200, n);
            int length = 2 + topic.length + (qos == 1 ? 2 : 0) + (v5 ? 1 : 0) + payload.length;
            content.writeByte(0x30 | qos << 1);
            for (int rest = length; ; ) {
                int b = rest & 0x7F;
                rest >>>= 7;
                content.writeByte(rest > 0 ? b | 0x80 : b);
                if (rest == 0) {
                    break;
                }
            }
            content.writeShort(topic.length).writeBytes(topic);
            if (qos == 1) {
                content.writeShort(n + 1);
            }
            if (v5) {
                content.writeByte(0);
            }
            content.writeBytes(payload);
        }
        message = ProtocolStageHarness.binary(ByteBufUtil.getBytes(content));
        content.release();
        harness.check(message, packetsPerMessage);
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
