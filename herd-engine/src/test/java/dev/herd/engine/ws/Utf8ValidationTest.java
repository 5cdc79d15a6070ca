package dev.herd.engine.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checked against the JDK's strict UTF-8 decoder, which follows RFC 3629 too. */
class Utf8ValidationTest {

    @Test
    void everyOneAndTwoByteSequenceIsJudgedAsTheJdkJudgesIt() {
        for (int a = 0; a < 256; a++) {
            assertAgreesWithJdk(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                assertAgreesWithJdk(new byte[] {(byte) a, (byte) b});
            }
        }
    }

    @Test
    void everyThreeByteSequenceWithAThreeByteLeadIsJudgedAsTheJdkJudgesIt() {
        for (int a = 0xE0; a <= 0xEF; a++) {
            for (int b = 0x70; b < 0xD0; b++) {
                for (int c = 0x70; c < 0xD0; c++) {
                    assertAgreesWithJdk(new byte[] {(byte) a, (byte) b, (byte) c});
                }
            }
        }
    }

    @Test
    void fourByteSequencesAtTheEdgesOfTheirRangesAreJudgedAsTheJdkJudgesThem() {
        int[] leads = {0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF};
        int[] seconds = {0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0};
        int[] tails = {0x7F, 0x80, 0xBF, 0xC0};
        for (int a : leads) {
            for (int b : seconds) {
                for (int c : tails) {
                    for (int d : tails) {
                        assertAgreesWithJdk(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
                    }
                }
            }
        }
    }

    @Test
    void randomMixturesOfAsciiAndMultiByteTextAreJudgedAsTheJdkJudgesThem() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] text = ("stamp ~h1.abc~ é 日本 🎉 " + round).repeat(1 + random.nextInt(3))
                    .getBytes(StandardCharsets.UTF_8);
            if (random.nextBoolean()) {
                text[random.nextInt(text.length)] = (byte) random.nextInt(256);
            }
            assertAgreesWithJdk(text);
        }
    }

    @ParameterizedTest(name = "a bad byte after {0} ASCII bytes is found")
    @ValueSource(ints = {0, 1, 7, 8, 9, 15, 16, 17, 63, 64})
    void aBadByteIsFoundWhereverTheEightByteStepsFallOnIt(int asciiBefore) {
        byte[] text = new byte[asciiBefore + 12];
        java.util.Arrays.fill(text, (byte) 'a');
        text[asciiBefore] = (byte) 0xFF;
        assertThat(new Utf8Validation().isValid(Unpooled.wrappedBuffer(text))).isFalse();
        text[asciiBefore] = 'b';
        assertThat(new Utf8Validation().isValid(Unpooled.wrappedBuffer(text))).isTrue();
    }

    @Test
    void heapDirectAndCompositeBuffersAreJudgedAlike() {
        byte[] good = "abcdefgh ~h1.1.2.3.4.5~ é 日本 🎉 and more ascii after it".getBytes(StandardCharsets.UTF_8);
        byte[] bad = good.clone();
        bad[30] = (byte) 0xC0;
        for (byte[] text : new byte[][] {good, bad}) {
            boolean expected = jdkSaysValid(text);
            ByteBuf direct = Unpooled.directBuffer(text.length).writeBytes(text);
            ByteBuf composite = Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(text, 0, 10),
                    Unpooled.wrappedBuffer(text, 10, text.length - 10));
            try {
                assertThat(new Utf8Validation().isValid(Unpooled.wrappedBuffer(text))).isEqualTo(expected);
                assertThat(new Utf8Validation().isValid(direct)).isEqualTo(expected);
                assertThat(new Utf8Validation().isValid(composite)).isEqualTo(expected);
            } finally {
                direct.release();
                composite.release();
            }
        }
    }

    @Test
    void oneValidatorJudgesOneMessageAfterAnotherWithoutCarryingState() {
        Utf8Validation utf8 = new Utf8Validation();
        assertThat(utf8.isValid(Unpooled.wrappedBuffer(new byte[] {(byte) 0xE2, (byte) 0x82}))).isFalse();
        assertThat(utf8.isValid(Unpooled.wrappedBuffer(new byte[] {(byte) 0xAC}))).isFalse();
        assertThat(utf8.isValid(Unpooled.wrappedBuffer("€".getBytes(StandardCharsets.UTF_8)))).isTrue();
    }

    @Test
    void onlyTheReadableBytesAreChecked() {
        ByteBuf buf = Unpooled.buffer().writeByte(0xFF).writeBytes("ok".getBytes(StandardCharsets.US_ASCII))
                .writeByte(0xC3);
        buf.readerIndex(1).writerIndex(3);
        assertThat(new Utf8Validation().isValid(buf)).isTrue();
        assertThat(buf.readerIndex()).isOne();
        assertThat(new Utf8Validation().isValid(Unpooled.EMPTY_BUFFER)).isTrue();
    }

    private static void assertAgreesWithJdk(byte[] bytes) {
        assertThat(new Utf8Validation().isValid(Unpooled.wrappedBuffer(bytes))).as("%s", hex(bytes)).isEqualTo(jdkSaysValid(bytes));
    }

    private static boolean jdkSaysValid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x ", b & 0xFF));
        }
        return sb.toString().trim();
    }
}
