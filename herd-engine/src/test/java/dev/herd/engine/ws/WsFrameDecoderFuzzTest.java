package dev.herd.engine.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herd.engine.connect.FailureClassifier;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.connect.ProtocolViolation;
import dev.herd.engine.receive.ReceiveBudget;
import dev.herd.engine.sse.RecordingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes {@link WsFrameDecoder} with any server bytes cut into reads where the fuzzer says, with a small (1-200) or a
 * 1 MiB frame limit, extensions allowed or not, and a small or the default receive budget. The same bytes go, with the
 * same cuts, to a decoder reading in place ({@link WsFrameDecoder#readInPlace}) and to one giving frame objects
 * (Netty's decoder, and the aggregator it adds for a fragmented message), and in one read to another reading in place.
 * An input fails when an exception other than those declared for a bad stream ({@link CorruptedWebSocketFrameException},
 * {@link TooLongFrameException}, a {@code local_receive_budget} {@link ProtocolViolation}, and the aggregator's
 * {@link PrematureChannelClosureException} when a connection closes in the middle of a fragmented message) leaves the
 * decoder or the aggregator; when a message handed on in place lies outside its buffer or any message exceeds the limit; when a read
 * or a buffer the pipeline allocated is not released once the channel is closed; when the budget is not back to 0
 * then; or when the messages, control frames and first error differ between reading in place and frame objects, or
 * between cut and whole reads (compared when no budget refused, which depends on the cuts and the path; else the
 * messages of one must begin those of the other).
 *
 * <p>Input layout (a seed is the server's bytes followed by a few bytes of settings): the settings and cut positions
 * are read from the end of the input, the bytes are whatever is left at the front. The bytes may be repeated up to 64
 * times, so that a frame or a read outgrows the budget's free allowance although libFuzzer's inputs stay small.
 */
@Tag("fuzz")
class WsFrameDecoderFuzzTest {

    private static final int MAX_SMALL_LIMIT = 200;
    private static final int LARGE_LIMIT = 1 << 20;
    private static final int MAX_REPEATS = 64;
    private static final int MAX_CUTS = 32;

    @FuzzTest(maxDuration = "10s")
    void readsAnyServerBytesInPlaceAsNettysFramesGiveThem(FuzzedDataProvider data) {
        boolean small = data.consumeBoolean();
        int maxMessageBytes = small ? data.consumeInt(1, MAX_SMALL_LIMIT) : LARGE_LIMIT;
        boolean allowExtensions = data.consumeBoolean();
        boolean smallBudget = data.consumeBoolean();
        long budgetBytes = smallBudget ? data.consumeLong(0, 2L * ReceiveBudget.FREE_BYTES_PER_BUFFER)
                : ReceiveBudget.DEFAULT_MAX_BYTES;
        int repeats = data.consumeInt(1, MAX_REPEATS);
        int[] cutSeeds = new int[data.consumeInt(0, MAX_CUTS)];
        Arrays.setAll(cutSeeds, i -> data.consumeInt(0, Integer.MAX_VALUE));
        int directReads = data.consumeInt();
        byte[] once = data.consumeRemainingAsBytes();

        byte[] wire = new byte[once.length * repeats];
        for (int r = 0; r < repeats; r++) {
            System.arraycopy(once, 0, wire, r * once.length, once.length);
        }
        int[] cuts = Arrays.stream(cutSeeds).map(seed -> seed % (wire.length + 1)).sorted().toArray();

        Run inPlace = new Run(true, allowExtensions, maxMessageBytes, budgetBytes);
        inPlace.feed(wire, cuts, directReads);
        inPlace.finish();
        Run frames = new Run(false, allowExtensions, maxMessageBytes, budgetBytes);
        frames.feed(wire, cuts, directReads);
        frames.finish();
        sameOrBudgetRefused(inPlace, frames, "frame objects, cut at %s", cuts);
        if (cuts.length > 0) {
            Run whole = new Run(true, allowExtensions, maxMessageBytes, budgetBytes);
            whole.feed(wire, new int[0], directReads);
            whole.finish();
            sameOrBudgetRefused(inPlace, whole, "one read against cut at %s", cuts);
        }
    }

    /**
     * The same trace, unless a budget refused in either run: where it refuses depends on how much the decoder held at
     * once, so then only the messages before the refusal are compared.
     */
    private static void sameOrBudgetRefused(Run run, Run other, String description, int[] cuts) {
        String as = String.format(description, Arrays.toString(cuts));
        if (!run.refused() && !other.refused()) {
            assertThat(run.recorder.trace).as(as).containsExactlyElementsOf(other.recorder.trace);
            return;
        }
        List<String> a = run.recorder.messages();
        List<String> b = other.recorder.messages();
        List<String> shorter = a.size() <= b.size() ? a : b;
        List<String> longer = a.size() <= b.size() ? b : a;
        assertThat(longer.subList(0, shorter.size())).as(as).containsExactlyElementsOf(shorter);
    }

    /** One decoder on one channel, as herd's client pipeline holds it, fed one stream and then closed. */
    private static final class Run {
        final Recorder recorder;
        private final ReceiveBudget budget;
        private final RecordingAllocator alloc = new RecordingAllocator();
        private final EmbeddedChannel channel = new EmbeddedChannel();
        private final List<ByteBuf> reads = new ArrayList<>();

        Run(boolean inPlace, boolean allowExtensions, int maxMessageBytes, long budgetBytes) {
            budget = new ReceiveBudget(budgetBytes);
            recorder = new Recorder(maxMessageBytes);
            WsFrameDecoder decoder = new WsFrameDecoder(allowExtensions, maxMessageBytes, budget);
            if (inPlace) {
                decoder.readInPlace(recorder);
            }
            // The cumulation and the frames' payloads come from the channel's allocator: recorded, to check them.
            channel.config().setAllocator(alloc);
            channel.pipeline().addLast(decoder, recorder);
        }

        /** Feeds {@code wire} cut at {@code cuts}; bit k of {@code directReads} makes read k direct. */
        void feed(byte[] wire, int[] cuts, int directReads) {
            int from = 0;
            for (int k = 0; k <= cuts.length && channel.isOpen(); k++) {
                int to = k < cuts.length ? cuts[k] : wire.length;
                if (to > from) {
                    boolean direct = (directReads >>> (k % 32) & 1) != 0;
                    ByteBuf read = direct ? Unpooled.directBuffer(to - from) : Unpooled.buffer(to - from);
                    reads.add(read.writeBytes(wire, from, to - from));
                    channel.writeInbound(read);
                    recorder.throwUndeclared();
                    assertThat(budget.drawnBytes()).isBetween(0L, budget.limitBytes());
                }
                from = to;
            }
        }

        /** The connection ends: nothing may be left held or drawn. */
        void finish() {
            channel.finishAndReleaseAll();
            recorder.throwUndeclared();
            assertThat(reads).as("reads released").allSatisfy(read -> assertThat(read.refCnt()).isZero());
            assertThat(alloc.allReleased()).as("every buffer the pipeline allocated is released").isTrue();
            assertThat(budget.drawnBytes()).as("drawn on the budget once the channel is closed").isZero();
        }

        boolean refused() {
            return budget.refusals() > 0;
        }
    }

    /**
     * Writes down what reaches the end of the pipeline, read in place or as frames, up to and with the first error
     * (herd fails the connection there), and closes the channel on that error, as herd does. Bytes are kept as
     * ISO-8859-1, one char per byte.
     */
    private static final class Recorder extends ChannelInboundHandlerAdapter implements WsFrameDecoder.InPlaceMessages {
        final List<String> trace = new ArrayList<>();
        private final int maxMessageBytes;
        private boolean failed;
        /** The first error that is not one declared for a bad stream (an assertion above arrives here too). */
        private Throwable undeclared;

        Recorder(int maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
        }

        @Override
        public void message(ByteBuf buf, int index, int length, boolean text) {
            assertThat(buf.refCnt()).as("the read buffer is live during the call").isPositive();
            assertThat(index).as("message start").isNotNegative();
            assertThat(length).as("message length").isBetween(0, maxMessageBytes);
            assertThat((long) index + length).as("message end").isLessThanOrEqualTo(buf.writerIndex());
            record((text ? "text" : "binary") + " rsv0 " + buf.toString(index, length, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof WebSocketFrame frame) {
                    assertThat(frame.content().readableBytes()).as("frame payload").isLessThanOrEqualTo(
                            frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame
                                    ? maxMessageBytes : 125);
                    record(kind(frame) + " rsv" + frame.rsv() + " "
                            + frame.content().toString(StandardCharsets.ISO_8859_1));
                } else {
                    record("other " + msg);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        /** Netty logs and drops what this method throws, so an undeclared error is kept for the test to throw. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!declared(cause) && undeclared == null) {
                undeclared = cause;
            }
            record("error " + FailureClassifier.classify(cause));
            failed = true;
            ctx.close();
        }

        void throwUndeclared() {
            if (undeclared != null) {
                throw new AssertionError("an undeclared error left the pipeline: " + undeclared, undeclared);
            }
        }

        /** The data messages and control frames, without the error. */
        List<String> messages() {
            return trace.stream().filter(line -> !line.startsWith("error ")).toList();
        }

        private void record(String line) {
            if (!failed) {
                trace.add(line);
            }
        }

        private static String kind(WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame) {
                return frame.isFinalFragment() ? "text" : "text fragment";
            } else if (frame instanceof BinaryWebSocketFrame) {
                return frame.isFinalFragment() ? "binary" : "binary fragment";
            } else if (frame instanceof PingWebSocketFrame) {
                return "ping";
            } else if (frame instanceof PongWebSocketFrame) {
                return "pong";
            } else if (frame instanceof CloseWebSocketFrame) {
                return "close";
            }
            return frame.getClass().getSimpleName();
        }

        /**
         * Netty's decoder and aggregator for a bad frame or message, the aggregator for a channel closed inside a
         * fragmented message, or herd's budget; maybe wrapped by a decoder.
         */
        private static boolean declared(Throwable cause) {
            for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof CorruptedWebSocketFrameException || t instanceof TooLongFrameException
                        || t instanceof PrematureChannelClosureException
                        || t instanceof ProtocolViolation v && v.reason() == FailureReason.LOCAL_RECEIVE_BUDGET) {
                    return true;
                }
            }
            return false;
        }
    }
}
