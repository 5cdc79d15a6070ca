package dev.herd.engine.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.herd.engine.protocol.ServerWire;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder's in-place path gives the same messages, in the same order, as Netty's frame objects, however the bytes
 * are cut; frames it does not read itself (control frames, fragments, a close and what follows) still come as objects,
 * and a fragmented message brings the aggregator into the pipeline.
 */
class WsFrameDecoderInPlaceTest {

    private static final int MAX = 1 << 20;

    /** Records what reaches the end of the pipeline, read in place or as frames. */
    private static final class Recorder extends ChannelInboundHandlerAdapter implements WsFrameDecoder.InPlaceMessages {
        final List<String> seen = new ArrayList<>();
        int inPlace;

        @Override
        public void message(ByteBuf buf, int index, int length, boolean text) {
            inPlace++;
            seen.add((text ? "text:" : "binary:") + buf.toString(index, length, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame f) {
                seen.add("text:" + f.content().toString(StandardCharsets.ISO_8859_1));
            } else if (msg instanceof BinaryWebSocketFrame f) {
                seen.add("binary:" + f.content().toString(StandardCharsets.ISO_8859_1));
            } else if (msg instanceof PingWebSocketFrame f) {
                seen.add("ping:" + f.content().toString(StandardCharsets.ISO_8859_1));
            } else if (msg instanceof CloseWebSocketFrame f) {
                seen.add("close:" + f.statusCode());
            } else {
                seen.add("other:" + msg);
            }
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    private static EmbeddedChannel client(Recorder recorder, boolean inPlace) {
        WsFrameDecoder decoder = new WsFrameDecoder(false, MAX, new ReceiveBudget(64L << 20));
        if (inPlace) {
            decoder.readInPlace(recorder);
        }
        // No aggregator: the decoder adds one when the first fragmented message starts.
        return new EmbeddedChannel(decoder, recorder);
    }

    /** Text and binary messages of every length form, a ping between them, a fragmented one, a close, then junk. */
    private static byte[] conversation() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new ServerWire().text("~h1.stamp~").binary(new byte[] {1, 2, 3}).text("").text("x".repeat(200))
                .bytes());
        out.writeBytes(new byte[] {(byte) 0x89, 2, 'h', 'i'}); // ping "hi"
        out.writeBytes(new ServerWire().fragmentedText("héllo wörld", 3, 7).text("after").text("y".repeat(70_000))
                .bytes());
        out.writeBytes(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8}); // close 1000
        out.writeBytes(new ServerWire().text("after the close").bytes());
        return out.toByteArray();
    }

    @Test
    void everyCutGivesWhatNettysFramesGive() {
        byte[] wire = conversation();
        List<String> expected = read(wire, false, new int[0]);
        assertThat(expected).hasSize(9).contains("ping:hi", "close:1000").doesNotContain("text:after the close");
        assertThat(read(wire, true, new int[0])).isEqualTo(expected);
        for (int cut = 1; cut < wire.length; cut += cut < 400 ? 1 : 997) {
            assertThat(read(wire, true, new int[] {cut})).as("cut at %d", cut).isEqualTo(expected);
        }
        assertThat(read(wire, true, ServerWire.everyByte(wire))).isEqualTo(expected);
    }

    @Test
    void wholeDataFramesAreReadInPlaceAndTheRestAsFrames() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = client(recorder, true);
        List<ByteBuf> pieces = ServerWire.writeCut(ch, conversation());
        // the 3 messages before the ping read in place and the 200-byte one, then "after" and the 70,000-byte one
        assertThat(recorder.inPlace).isEqualTo(6);
        assertThat(ch.pipeline().get(WsMessageAggregator.class)).isNotNull();
        assertThat(pieces).allSatisfy(p -> assertThat(p.refCnt()).isZero());
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void aBrokenFrameIsNettysToNameAndNothingAfterItIsReadInPlace() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = client(recorder, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new ServerWire().text("ok").bytes());
        out.writeBytes(new byte[] {(byte) 0xC1, 1, 'r'}); // RSV1 set, no extension agreed
        out.writeBytes(new ServerWire().text("never").bytes());
        Throwable[] caught = {null};
        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                caught[0] = cause;
            }
        });
        ch.writeInbound(Unpooled.wrappedBuffer(out.toByteArray()));
        assertThat(recorder.seen).containsExactly("text:ok");
        assertThat(caught[0]).hasMessageContaining("RSV");
        ch.finishAndReleaseAll();
    }

    @Test
    void readingInPlaceAllocatesNothingPerMessage() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();
        int[] count = {0};
        WsFrameDecoder decoder = new WsFrameDecoder(false, MAX, new ReceiveBudget(64L << 20));
        decoder.readInPlace((buf, index, length, text) -> count[0] += length);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        byte[] wire = new ServerWire().text("~h1.0.1.2.3~" + "x".repeat(50)).text("~h1.0.1.2.4~").bytes();
        ByteBuf read;
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try {
            read = Unpooled.directBuffer(wire.length).writeBytes(wire);
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
        int rounds = 20_000;
        feed(ch, read, rounds);
        long before = threads.getCurrentThreadAllocatedBytes();
        feed(ch, read, rounds);
        double perMessage = (double) (threads.getCurrentThreadAllocatedBytes() - before) / (2.0 * rounds);
        assertThat(perMessage).isLessThan(1.0);
        assertThat(count[0]).isEqualTo(2 * rounds * (62 + 12));
        read.release();
        ch.finishAndReleaseAll();
    }

    private static void feed(EmbeddedChannel ch, ByteBuf read, int rounds) {
        for (int i = 0; i < rounds; i++) {
            read.readerIndex(0);
            ch.pipeline().fireChannelRead(read.retain());
        }
    }

    private static List<String> read(byte[] wire, boolean inPlace, int[] cuts) {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = client(recorder, inPlace);
        List<ByteBuf> pieces = ServerWire.writeCut(ch, wire, cuts);
        assertThat(pieces).allSatisfy(p -> assertThat(p.refCnt()).isZero());
        ch.finishAndReleaseAll();
        return recorder.seen;
    }
}
