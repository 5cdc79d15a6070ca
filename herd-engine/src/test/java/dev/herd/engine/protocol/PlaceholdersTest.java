package dev.herd.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    @ParameterizedTest(name = "{0} is written as Long.toString writes it")
    @ValueSource(longs = {0, 7, 9, 10, 99, 100, 12345, Integer.MAX_VALUE, Long.MAX_VALUE})
    void decimalsAreWrittenAsLongToStringWrites(long value) {
        ByteBuf out = Unpooled.buffer(4);
        out.writeByte('x');
        Placeholders.writeDecimal(out, value);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("x" + value);
        out.release();
    }

    @Test
    void aRunIdIsEightLowercaseHexDigitsAsSummaryJsonHasIt() {
        ByteBuf out = Unpooled.buffer();
        Placeholders.writeRunId(out, 0x00c0ffeeL);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(String.format("%08x", 0x00c0ffeeL));
        out.release();
    }
}
