package dev.herd.engine.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.protocol.FrameValues;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** JSON templates: values escaped inside strings and only there, option text escaped once, shapes checked. */
class JsonFrameTemplateTest {

    private static final Map<String, String> VALUE_OF = Map.of("topic", "room \"7\"", "payload",
            "{\"a\":\"b\\c\"}", "n", "42", "text", "tab\there\nnew é€ \u0001");
    private static final FrameValues VALUES = (name, out) -> ByteBufUtil.writeUtf8(out, VALUE_OF.get(name));

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource(delimiter = '|', value = {
        "[\"{{topic}}\"]                       | [\"room \\\"7\\\"\"]",
        "[{{payload}}]                         | [{\"a\":\"b\\c\"}]",
        "[\"{{payload}}\",{{n}}]               | [\"{\\\"a\\\":\\\"b\\\\c\\\"}\",42]",
        "{\"q\":\"say \\\"{{n}}\\\"\",\"n\":{{n}}} | {\"q\":\"say \\\"42\\\"\",\"n\":42}",
        "[\"{{text}}\"]                        | [\"tab\\there\\nnew é€ \\u0001\"]",
        "[\"{{ not a name }}\",\"{{n}}\"]      | [\"{{ not a name }}\",\"42\"]",
    })
    void aPlaceholderInsideAStringIsEscapedAndOutsideWrittenAsItIs(String template, String written) {
        ByteBuf out = Unpooled.buffer(8);
        JsonFrameTemplate.parse(template).write(out, VALUES);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(written);
        out.release();
    }

    @Test
    void escapingOptionTextKeepsUtf8AndEscapesWhatJsonRequires() {
        assertThat(JsonStrings.escape("subscription { m(t: \"a\\b\") }\n\té\u0002"))
                .isEqualTo("subscription { m(t: \\\"a\\\\b\\\") }\\n\\té\\u0002");
        assertThat(JsonStrings.quote("x")).isEqualTo("\"x\"");
    }

    @Test
    void escapingWrittenBytesInPlaceMovesOnlyWhatFollowsTheStart() {
        ByteBuf out = Unpooled.buffer(4);
        out.writeCharSequence("keep\"", StandardCharsets.UTF_8);
        int start = out.writerIndex();
        out.writeCharSequence("a\"b\\c\u001fd", StandardCharsets.UTF_8);
        JsonStrings.escapeWritten(out, start);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("keep\"a\\\"b\\\\c\\u001fd");
        out.release();
    }

    @Test
    void theShapeIsTheJsonValueWithPlaceholdersStandingForEmptyStringsAndZeros() {
        assertThat(JsonFrameTemplate.parse("[\"{{topic}}\",{{n}},{\"k\":\"x{{n}}y\"}]").shape())
                .isEqualTo(List.of("", 0L, Map.of("k", "xy")));
        assertThat(JsonFrameTemplate.parse("[\"{{topic}}\",{{n}},{\"k\":\"{{n}}\"}]").names())
                .containsExactlyInAnyOrder("topic", "n");
        assertThatThrownBy(() -> JsonFrameTemplate.parse("[\"{{topic}}\"").shape())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not JSON at offset");
    }
}
