package dev.herd.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8ValidatorTest {

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource({
        "ascii,                       68656c6c6f, true",
        "empty,                       '',         true",
        "two-byte é,                  c3a9,       true",
        "three-byte €,                e282ac,     true",
        "four-byte emoji,             f09f9880,   true",
        "U+10FFFF,                    f48fbfbf,   true",
        "lone continuation byte,      80,         false",
        "overlong two-byte,           c0af,       false",
        "overlong three-byte,         e080af,     false",
        "overlong four-byte,          f08082ac,   false",
        "surrogate,                   eda080,     false",
        "above U+10FFFF,              f4908080,   false",
        "truncated at the end,        e282,       false",
        "lead byte F5,                f5808080,   false",
        "ff,                          ff,         false"
    })
    void agreesWithRfc3629(String name, String hex, boolean valid) {
        byte[] bytes = HexFormat.of().parseHex(hex.trim());
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        assertThat(Utf8Validator.isValid(buf)).isEqualTo(valid);
        assertThat(ByteBufUtil.isText(buf, StandardCharsets.UTF_8)).as("Netty agrees").isEqualTo(valid);
    }

    @ParameterizedTest(name = "a character split across components at {0}")
    @CsvSource({"1", "2", "3"})
    void worksAcrossCompositeComponents(int split) {
        byte[] bytes = "a😀b".getBytes(StandardCharsets.UTF_8);
        CompositeByteBuf composite = Unpooled.compositeBuffer();
        composite.addComponents(true, Unpooled.wrappedBuffer(bytes, 0, split + 1),
                Unpooled.wrappedBuffer(bytes, split + 1, bytes.length - split - 1));
        assertThat(Utf8Validator.isValid(composite)).isTrue();
        composite.release();
    }
}
