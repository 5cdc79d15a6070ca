package dev.herd.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herd.engine.protocol.script.Script;
import dev.herd.engine.protocol.script.ScriptProtocol;
import dev.herd.engine.protocol.script.ScriptStep;
import dev.herd.engine.receive.ReceiveBudget;
import dev.herd.engine.sse.RecordingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes the receive path of every built-in protocol stage, and of a script's, with any server bytes cut into
 * WebSocket messages where the fuzzer says: the MQTT packet reader, the STOMP frame reader, Socket.IO's packet reading,
 * the graphql-ws message reader and a script's frame patterns (literal and regex), each inside its stage in an
 * {@link EmbeddedChannel}, as herd's pipeline hands it whole messages. An input fails when an exception leaves the
 * stage (none is declared on the receive path), when a message or a buffer the stage allocated is not released, when
 * the stage holds a buffer larger than {@link ProtocolSession#maxMessageBytes()}, when its budget shares are not back
 * to 0 once the connection ends, when a reason it reports is not one line or it reports anything after ending the
 * connection; and, for STOMP and MQTT, whose frames may span messages, when the cut messages give other reports or
 * other replies than the same bytes in one message (compared when neither outgrew a limit, which depends on the cuts).
 *
 * <p>Input layout (a seed is five header bytes, the server's bytes, then the cut positions):
 * <ol>
 *   <li>byte 0, the decoder: 0 STOMP, 1 MQTT, 2 Socket.IO, 3 graphql-ws, 4 script (modulo 5);</li>
 *   <li>byte 1, options: bit 0 a publisher connection, bit 1 the server's canned handshake replies first, bit 2 the
 *       decoder's variant (STOMP ack client; MQTT 5; namespace {@code /chat}; a script of regexes), bit 3 QoS 1,
 *       bits 4-5 the limits (0: 1 MiB and 256 MiB; 1: a small message limit; 2: a small budget; 3: a message limit
 *       past the budget's free allowance and a small budget), bit 6 the other message kind (text for MQTT, binary
 *       for the rest), bit 7 the stream repeated (byte 3), so a split frame outgrows 64 KiB;</li>
 *   <li>byte 2: bits 0-5 how many cuts, bits 6-7 the buffers' kind (heap, direct, composite, read from an offset);</li>
 *   <li>byte 3, how many times the stream is repeated with bit 7 (1 + byte modulo 64); byte 4, the limits' seed;</li>
 *   <li>then the server's bytes, and last two bytes per cut: a big-endian offset modulo the stream's length + 1.</li>
 * </ol>
 */
@Tag("fuzz")
class ProtocolDecodersFuzzTest {

    private static final int HEADER_BYTES = 5;
    private static final int MAX_CUTS = 63;
    private static final int MAX_REPEATS = 64;
    private static final long DEFAULT_BUDGET_BYTES = ReceiveBudget.DEFAULT_MAX_BYTES;
    private static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;
    /** Bytes in front of a message read from an offset: a reader that starts at 0 rather than its reader index sees them. */
    private static final byte[] JUNK = {0, '~', '\n'};
    /** Every decoder with each variant and QoS: built once, shared by every input as herd shares a protocol. */
    private static final Target[] TARGETS = Target.all();

    @FuzzTest(maxDuration = "10s")
    void readsAnyServerBytesCutIntoMessagesWithinItsLimits(byte[] input) {
        if (input.length < HEADER_BYTES) {
            return;
        }
        int options = input[1] & 0xFF;
        boolean publisher = (options & 1) != 0;
        boolean handshakeFirst = (options & 2) != 0;
        Target target = TARGETS[(input[0] & 0xFF) % 5 * 4 + (options >>> 2 & 3)];
        int limits = options >>> 4 & 3;
        boolean binary = target.binary() ^ (options & 0x40) != 0;
        int repeats = (options & 0x80) != 0 ? 1 + (input[3] & 0xFF) % MAX_REPEATS : 1;
        int kind = (input[2] & 0xFF) >>> 6;
        int limitSeed = input[4] & 0xFF;
        int cutCount = Math.min(input[2] & MAX_CUTS, (input.length - HEADER_BYTES) / 2);
        int streamEnd = input.length - 2 * cutCount;
        byte[] stream = repeat(Arrays.copyOfRange(input, HEADER_BYTES, streamEnd), repeats);
        int[] cuts = new int[cutCount];
        for (int k = 0; k < cutCount; k++) {
            int seed = (input[streamEnd + 2 * k] & 0xFF) << 8 | input[streamEnd + 2 * k + 1] & 0xFF;
            cuts[k] = seed % (stream.length + 1);
        }
        Arrays.sort(cuts);
        int maxMessageBytes = switch (limits) {
            case 1 -> 1 + limitSeed * 4;
            case 3 -> ReceiveBudget.FREE_BYTES_PER_BUFFER + 1 + limitSeed * 256;
            default -> DEFAULT_MAX_MESSAGE_BYTES;
        };
        long budgetBytes = switch (limits) {
            case 2 -> limitSeed * 1024L;
            case 3 -> limitSeed * 128L;
            default -> DEFAULT_BUDGET_BYTES;
        };

        Run cut = new Run(target, publisher, maxMessageBytes, budgetBytes, kind);
        if (handshakeFirst) {
            cut.handshake();
        }
        int from = 0;
        for (int k = 0; k <= cuts.length; k++) {
            int to = k < cuts.length ? cuts[k] : stream.length;
            cut.receive(stream, from, to, binary);
            from = to;
        }
        cut.finish();

        if (target.streamed() && cuts.length > 0) {
            Run whole = new Run(target, publisher, maxMessageBytes, budgetBytes, kind);
            if (handshakeFirst) {
                whole.handshake();
            }
            whole.receive(stream, 0, stream.length, binary);
            whole.finish();
            if (!whole.outgrewALimit() && !cut.outgrewALimit()) {
                assertThat(cut.session.trace()).as("reports, cut at %s", Arrays.toString(cuts))
                        .containsExactlyElementsOf(whole.session.trace());
                assertThat(cut.sent).as("replies, cut at %s", Arrays.toString(cuts))
                        .containsExactlyElementsOf(whole.sent);
            }
        }
    }

    private static byte[] repeat(byte[] once, int times) {
        byte[] out = new byte[once.length * times];
        for (int r = 0; r < times; r++) {
            System.arraycopy(once, 0, out, r * once.length, once.length);
        }
        return out;
    }

    /** One stage on one connection, fed messages and checked after each and once the connection ends. */
    private static final class Run {
        final RecordingProtocolSession session;
        final List<String> sent = new ArrayList<>();
        private final Target target;
        private final RecordingAllocator alloc = new RecordingAllocator();
        private final EmbeddedChannel channel = new EmbeddedChannel();
        private final int maxMessageBytes;
        private final int kind;

        Run(Target target, boolean publisher, int maxMessageBytes, long budgetBytes, int kind) {
            this.target = target;
            this.maxMessageBytes = maxMessageBytes;
            this.kind = kind;
            session = (publisher ? RecordingProtocolSession.publisher() : RecordingProtocolSession.subscriber())
                    .limits(maxMessageBytes, budgetBytes);
            channel.config().setAllocator(alloc);
            channel.freezeTime();
            channel.pipeline().addLast(target.protocol().newStage(session));
            channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
            channel.checkException();
            takeSent();
        }

        void handshake() {
            for (byte[] reply : target.handshake()) {
                receive(reply, 0, reply.length, target.binary());
            }
        }

        /** {@code [from, to)} of {@code bytes} as one WebSocket message. */
        void receive(byte[] bytes, int from, int to, boolean binary) {
            ByteBuf content = content(bytes, from, to - from);
            WebSocketFrame message = binary ? new BinaryWebSocketFrame(content) : new TextWebSocketFrame(content);
            channel.writeInbound(message);
            assertThat(message.refCnt()).as("the message is released").isZero();
            assertThat((Object) channel.readInbound()).as("nothing passes the stage").isNull();
            takeSent();
            for (ByteBuf held : alloc.allocated) {
                if (held.refCnt() > 0) {
                    assertThat(held.readableBytes()).as("bytes the stage holds").isLessThanOrEqualTo(maxMessageBytes);
                    assertThat(held.capacity()).as("capacity the stage holds")
                            .isLessThanOrEqualTo(Math.max(maxMessageBytes, 8));
                }
            }
            assertThat(session.budget().drawnBytes()).isBetween(0L, session.budget().limitBytes());
        }

        /** The connection ends: nothing may be left held, drawn or reported twice. */
        void finish() {
            channel.finishAndReleaseAll();
            assertThat(session.budget().drawnBytes()).as("drawn on the budget once the connection ended").isZero();
            assertThat(alloc.allReleased()).as("every buffer the stage allocated is released").isTrue();
            boolean subscribed = false;
            boolean ended = false;
            for (String line : session.trace()) {
                assertThat(line).as("one line").doesNotContain("\n").doesNotContain("\r");
                assertThat(ended).as("a report after the connection ended: %s", line).isFalse();
                if (line.equals("subscribed")) {
                    assertThat(subscribed).as("subscribed twice").isFalse();
                    subscribed = true;
                } else if (line.startsWith("rejected ")) {
                    assertThat(subscribed).as("rejected once subscribed").isFalse();
                    ended = true;
                } else if (line.startsWith("violated ") || line.startsWith("subscribe timed out ")) {
                    ended = true;
                }
            }
        }

        /** True when a split frame outgrew the message limit or the budget: that depends on where the cuts are. */
        boolean outgrewALimit() {
            return session.trace().stream().anyMatch(line -> line.startsWith("violated message_too_large")
                    || line.startsWith("violated local_receive_budget"));
        }

        private ByteBuf content(byte[] bytes, int from, int length) {
            return switch (kind) {
                case 1 -> Unpooled.directBuffer(Math.max(1, length)).writeBytes(bytes, from, length);
                case 2 -> {
                    CompositeByteBuf composite = Unpooled.compositeBuffer();
                    int half = length / 2;
                    composite.addComponent(true, Unpooled.buffer(half).writeBytes(bytes, from, half));
                    composite.addComponent(true, Unpooled.buffer(length - half).writeBytes(bytes, from + half,
                            length - half));
                    yield composite;
                }
                case 3 -> Unpooled.buffer(JUNK.length + length).writeBytes(JUNK).writeBytes(bytes, from, length)
                        .readerIndex(JUNK.length);
                default -> Unpooled.buffer(length).writeBytes(bytes, from, length);
            };
        }

        /** Records what the stage wrote (text as it is, binary in hex) and releases it. */
        private void takeSent() {
            for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
                WebSocketFrame frame = (WebSocketFrame) out;
                sent.add(frame instanceof TextWebSocketFrame ? frame.content().toString(StandardCharsets.UTF_8)
                        : ByteBufUtil.hexDump(frame.content()));
                frame.release();
            }
        }
    }

    /**
     * A decoder in its stage: its protocol, the server's handshake replies that open the connection, the kind of its
     * messages, and whether its frames may span messages.
     */
    private record Target(WireProtocol protocol, List<byte[]> handshake, boolean binary, boolean streamed) {

        /** Index {@code decoder * 4 + qos1 * 2 + variant}: byte 0 and bits 2-3 of byte 1 choose from them. */
        static Target[] all() {
            Target[] all = new Target[20];
            for (int variant = 0; variant < 2; variant++) {
                for (int qos = 0; qos < 2; qos++) {
                    boolean v = variant == 1;
                    int at = qos * 2 + variant;
                    all[at] = stomp(v);
                    all[4 + at] = mqtt(v, qos);
                    all[8 + at] = socketIo(v);
                    all[12 + at] = graphqlWs();
                    all[16 + at] = script(v);
                }
            }
            return all;
        }

        static Target stomp(boolean ackClient) {
            return new Target(WireProtocols.builtIn("stomp", ackClient ? Map.of("ack", "client") : Map.of()),
                    List.of(ascii("CONNECTED\nversion:1.2\nheart-beat:0,0\nserver:fuzz\n\n\0"),
                            ascii("RECEIPT\nreceipt-id:sub-0\n\n\0")), false, true);
        }

        static Target mqtt(boolean v5, int qos) {
            WireProtocol mqtt = WireProtocols.builtIn("mqtt", Map.of("version", v5 ? "5" : "3.1.1",
                    "qos", Integer.toString(qos)));
            List<byte[]> handshake = v5
                    ? List.of(new byte[]{0x20, 3, 0, 0, 0}, new byte[]{(byte) 0x90, 4, 0, 1, 0, (byte) qos})
                    : List.of(new byte[]{0x20, 2, 0, 0}, new byte[]{(byte) 0x90, 3, 0, 1, (byte) qos});
            return new Target(mqtt, handshake, true, true);
        }

        static Target socketIo(boolean chat) {
            String ns = chat ? "/chat," : "";
            return new Target(WireProtocols.builtIn("socketio", Map.of("namespace", chat ? "/chat" : "/")),
                    List.of(ascii("0{\"sid\":\"s\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000}"),
                            ascii("40" + ns + "{\"sid\":\"n\"}"), ascii("43" + ns + "0[]")), false, false);
        }

        static Target graphqlWs() {
            return new Target(WireProtocols.builtIn("graphql-ws",
                    Map.of("query", "subscription($topic:String!){messages(topic:$topic)}")),
                    List.of(ascii("{\"type\":\"connection_ack\"}")), false, false);
        }

        static Target script(boolean regex) {
            Script script = Script.builder("fuzz")
                    .connect(ScriptStep.send("{\"type\":\"hello\"}"))
                    .subscribe(ScriptStep.send("{\"type\":\"subscribe\",\"channel\":\"{{topic}}\"}"),
                            ScriptStep.expect(regex ? "re:\"type\" ?: ?\"subscribed\"" : "\"type\":\"subscribed\"")
                                    .withReject(regex ? "re:\"type\":\"(refused|error)\"" : "\"type\":\"refused\"")
                                    .withCapture("sid", "\"sid\":\"([^\"]*)\""))
                    .on(regex ? "re:\"type\":\"p[io]ng\"" : "\"type\":\"ping\"",
                            "{\"type\":\"pong\",\"sid\":\"{{sid}}\"}")
                    .ignore(regex ? "re:^\\{\"ack\":[0-9]+\\}$" : "\"type\":\"ack\"")
                    .build();
            return new Target(ScriptProtocol.of(script),
                    List.of(ascii("{\"type\":\"subscribed\",\"sid\":\"s-1\"}")), false, false);
        }

        private static byte[] ascii(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
