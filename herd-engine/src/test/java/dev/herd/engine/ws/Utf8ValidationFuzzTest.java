package dev.herd.engine.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Differential fuzzing of {@link Utf8Validation} against the JDK's strict UTF-8 decoder, on every kind of buffer a
 * frame can arrive in: each takes another path through the validator (memory address, array, or
 * {@code forEachByte}).
 */
@Tag("fuzz")
class Utf8ValidationFuzzTest {

    /** Bytes outside the readable range: invalid UTF-8, so a validator that strays into them says so. */
    private static final byte OUTSIDE = (byte) 0xFF;

    private enum Kind { HEAP, HEAP_SLICE, POOLED_HEAP, DIRECT, POOLED_DIRECT, READ_ONLY_NIO, COMPOSITE }

    /** One validator judges several messages in a row, as one connection's does, each as the JDK does. */
    @FuzzTest(maxDuration = "10s")
    void judgesEveryBufferAsTheJdkDecoderDoes(FuzzedDataProvider data) {
        Utf8Validation utf8 = new Utf8Validation();
        int messages = data.consumeInt(1, 3);
        for (int m = 0; m < messages; m++) {
            Kind kind = data.pickValue(Kind.values());
            int length = m == messages - 1 ? data.remainingBytes() : data.consumeInt(0, data.remainingBytes());
            byte[] bytes = data.consumeBytes(length);
            ByteBuf buf = buffer(kind, bytes, data);
            try {
                int readerIndex = buf.readerIndex();
                int writerIndex = buf.writerIndex();
                assertThat(utf8.isValid(buf)).as("%s of %d bytes", kind, bytes.length).isEqualTo(jdkSaysValid(bytes));
                assertThat(buf.readerIndex()).isEqualTo(readerIndex);
                assertThat(buf.writerIndex()).isEqualTo(writerIndex);
            } finally {
                buf.release();
            }
        }
    }

    /** A buffer of {@code kind} whose readable bytes are {@code bytes}, with bytes around them where it can. */
    private static ByteBuf buffer(Kind kind, byte[] bytes, FuzzedDataProvider data) {
        int before = data.consumeInt(0, 9);
        int after = data.consumeInt(0, 9);
        return switch (kind) {
            case HEAP -> framed(Unpooled.buffer(before + bytes.length + after), before, bytes, after);
            case HEAP_SLICE -> Unpooled.wrappedBuffer(framedArray(before, bytes, after), before, bytes.length);
            case POOLED_HEAP -> framed(PooledByteBufAllocator.DEFAULT.heapBuffer(before + bytes.length + after),
                    before, bytes, after);
            case DIRECT -> framed(Unpooled.directBuffer(before + bytes.length + after), before, bytes, after);
            case POOLED_DIRECT -> framed(PooledByteBufAllocator.DEFAULT.directBuffer(before + bytes.length + after),
                    before, bytes, after);
            case READ_ONLY_NIO -> Unpooled.wrappedBuffer(
                    ByteBuffer.wrap(framedArray(before, bytes, after), before, bytes.length).asReadOnlyBuffer());
            case COMPOSITE -> composite(bytes, data);
        };
    }

    private static ByteBuf framed(ByteBuf buf, int before, byte[] bytes, int after) {
        for (int i = 0; i < before; i++) {
            buf.writeByte(OUTSIDE);
        }
        buf.writeBytes(bytes);
        for (int i = 0; i < after; i++) {
            buf.writeByte(OUTSIDE);
        }
        return buf.setIndex(before, before + bytes.length);
    }

    private static byte[] framedArray(int before, byte[] bytes, int after) {
        byte[] array = new byte[before + bytes.length + after];
        java.util.Arrays.fill(array, OUTSIDE);
        System.arraycopy(bytes, 0, array, before, bytes.length);
        return array;
    }

    /** The bytes cut at places the fuzzer picks, each part heap or direct, so sequences straddle components. */
    private static ByteBuf composite(byte[] bytes, FuzzedDataProvider data) {
        List<ByteBuf> parts = new ArrayList<>();
        int from = 0;
        while (from < bytes.length && parts.size() < 16) {
            int to = parts.size() == 15 ? bytes.length : from + data.consumeInt(1, bytes.length - from);
            ByteBuf part = data.consumeBoolean() ? Unpooled.buffer(to - from) : Unpooled.directBuffer(to - from);
            parts.add(part.writeBytes(bytes, from, to - from));
            from = to;
        }
        CompositeByteBuf composite = Unpooled.compositeBuffer(Math.max(2, parts.size()));
        return composite.addComponents(true, parts);
    }

    private static boolean jdkSaysValid(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
