package dev.herd.bench;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.protocol.FrameValues;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.protocol.ProtocolStage;
import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.script.Script;
import dev.herd.engine.protocol.script.ScriptProtocol;
import dev.herd.engine.receive.ReceiveBudget;
import dev.herd.engine.stamp.StampScanner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
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

    private EmbeddedChannel channel;
    private ProtocolStage stage;
    private ChannelHandlerContext ctx;
    private TextWebSocketFrame data;
    private TextWebSocketFrame ack;
    private final BlackholeSession session = new BlackholeSession();

    @Setup
    public void setUp() {
        Script script = switch (rules) {
            case LITERAL -> Script.builder("bench").on("\"type\":\"ping\"", "{\"type\":\"pong\"}")
                    .ignore("\"type\":\"ack\"").build();
            case REGEX -> Script.builder("bench").on("re:\"type\":\"p[io]ng\"", "{\"type\":\"pong\"}")
                    .ignore("re:\"type\":\"(ack|receipt)\"").build();
        };
        stage = ScriptProtocol.of(script).newStage(session);
        channel = new EmbeddedChannel(stage);
        channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
        ctx = channel.pipeline().context(stage);
        data = frame(Payloads.json(size, 123_456));
        ack = frame(("{\"type\":\"ack\",\"id\":42,\"pad\":\"" + "x".repeat(Math.max(0, size - 30)) + "\"}")
                .getBytes(StandardCharsets.US_ASCII));
        session.blackhole = null;
        session.checking = true;
        stage.channelRead(ctx, data.retain());
        stage.channelRead(ctx, ack.retain());
        if (session.delivered != 1 || session.stamps != 1 || channel.outboundMessages().size() != 0) {
            throw new IllegalStateException("the benchmark's frames are not what it claims: delivered "
                    + session.delivered + ", stamps " + session.stamps);
        }
        session.checking = false;
    }

    @TearDown
    public void tearDown() {
        data.release();
        ack.release();
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public void delivered(Blackhole blackhole) {
        session.blackhole = blackhole;
        stage.channelRead(ctx, data.retain());
    }

    @Benchmark
    public void ownFrame(Blackhole blackhole) {
        session.blackhole = blackhole;
        stage.channelRead(ctx, ack.retain());
    }

    private static TextWebSocketFrame frame(byte[] content) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(content.length).writeBytes(content);
        return new TextWebSocketFrame(buf);
    }

    /** herd's session as the receive path sees it: a delivered frame is scanned for stamps into the blackhole. */
    private static final class BlackholeSession implements ProtocolSession {

        private final BlackholeStampListener listener = new BlackholeStampListener();
        Blackhole blackhole;
        boolean checking;
        int delivered;
        int stamps;

        @Override
        public ClientRole role() {
            return ClientRole.SUBSCRIBER;
        }

        @Override
        public FrameValues values() {
            return (name, out) -> { };
        }

        @Override
        public int maxMessageBytes() {
            return 1 << 20;
        }

        @Override
        public ReceiveBudget.Share receiveShare() {
            return new ReceiveBudget(ReceiveBudget.DEFAULT_MAX_BYTES).share();
        }

        @Override
        public void subscribed() {
        }

        @Override
        public void rejected(String why) {
            throw new IllegalStateException(why);
        }

        @Override
        public void deliver(ByteBuf buf, int index, int length) {
            if (checking) {
                delivered++;
                stamps += StampScanner.scan(buf, index, length, new dev.herd.engine.stamp.StampListener() {
                    @Override
                    public void onStamp(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
                    }

                    @Override
                    public void onMalformed() {
                        throw new IllegalStateException("malformed stamp");
                    }
                });
                return;
            }
            listener.blackhole = blackhole;
            StampScanner.scan(buf, index, length, listener);
        }

        @Override
        public void violated(FailureReason reason, String why) {
            throw new IllegalStateException(why);
        }
    }
}
