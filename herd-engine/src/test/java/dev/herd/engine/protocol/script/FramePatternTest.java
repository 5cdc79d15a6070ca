package dev.herd.engine.protocol.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Patterns against frames at an offset in their buffer, plain and split over a composite buffer at every byte: a
 * literal is a byte search, {@code re:} a regex over the bytes; neither reads outside the frame's range.
 */
class FramePatternTest {

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            "type":"ping"            | {"type":"ping"}                    | true
            "type":"ping"            | {"type": "ping"}                   | false
            "type":"ping"            | {"type":"pin                       | false
            ping                     | ping                               | true
            ping                     | pin                                | false
            ""                       | a""b                               | true
            é                        | caf\u00e9                          | true
            café                     | cafe                               | false
            ~                        | ~h1.0~                             | true
            PING                     | xPINGx                             | true
            re:^PING$                | PING                               | true
            re:^PING$                | xPING                              | false
            re:"status" ?: ?"ok"     | {"id":1,"status": "ok"}            | true
            re:"status" ?: ?"ok"     | {"id":1,"status":"error"}          | false
            re:caf(é)+               | le café                            | true
            re:\\d{3}                | ab12c                              | false
            re:\\d{3}                | ab123                              | true
            """)
    void matchesAsASubstringOfTheFramesBytes(String pattern, String frame, boolean expected) {
        FramePattern p = FramePattern.parse(pattern);
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        // The frame sits between bytes that would match if read: the range must be respected.
        ByteBuf buf = Unpooled.buffer().writeBytes(pattern.replace("re:", "").getBytes(StandardCharsets.UTF_8))
                .writeBytes(bytes).writeBytes(pattern.replace("re:", "").getBytes(StandardCharsets.UTF_8));
        int index = buf.readableBytes() - bytes.length - pattern.replace("re:", "")
                .getBytes(StandardCharsets.UTF_8).length;
        if (pattern.startsWith("re:") && !expected) {
            // A regex's literal text is not always what it matches: no sentinel around the frame.
            buf = Unpooled.wrappedBuffer(bytes);
            index = 0;
        }
        assertThat(p.matches(buf, index, bytes.length)).isEqualTo(expected);
        for (int split = 1; split < bytes.length; split++) {
            CompositeByteBuf composite = Unpooled.compositeBuffer().addComponents(true,
                    Unpooled.wrappedBuffer(bytes, 0, split), Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
            assertThat(p.matches(composite, 0, bytes.length)).as("split at %d", split).isEqualTo(expected);
            composite.release();
        }
    }

    @ParameterizedTest(name = "{0} captures {2} from {1}")
    @CsvSource(delimiter = '|', textBlock = """
            "sid":"([^"]+)"          | {"sid":"s-42é","x":1}      | s-42é
            re:id=(\\d+)             | a id=7 id=8                | 7
            socket_id\\\\?":\\\\?"([^"\\\\]+) | {"data":"{\\"socket_id\\":\\"123.456\\"}"} | 123.456
            """)
    void aCaptureTakesGroupOneAsItsBytes(String expression, String frame, String expected) {
        ByteBuf buf = Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8);
        byte[] value = RegexPattern.capture(expression).group1(buf, 0, buf.readableBytes());
        assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(RegexPattern.capture(expression).group1(Unpooled.EMPTY_BUFFER, 0, 0)).isNull();
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            re:                      | is empty after re:
            re:[a-                   | '[a-' is not a valid regex: Illegal character range near index 3
            """)
    void aBadPatternIsOneLine(String pattern, String message) {
        assertThatThrownBy(() -> FramePattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
