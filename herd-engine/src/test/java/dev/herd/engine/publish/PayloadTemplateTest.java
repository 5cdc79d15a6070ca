package dev.herd.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.stamp.StampListener;
import dev.herd.engine.stamp.StampScanner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadTemplateTest {

    @ParameterizedTest(name = "a plain message of {0} bytes is exactly {0} bytes when the stamp fits")
    @ValueSource(ints = {64, 128, 1024})
    void plainMessageIsPaddedToSize(int size) {
        ByteBuf buf = Unpooled.buffer();
        PayloadTemplate.plain(size).write(buf, 0xabcdef12L, 3, 42, 1_700_000_000_000_000_000L, 1_700_000_000_000_000_123L);
        assertThat(buf.readableBytes()).isEqualTo(size);
        assertThat(stamps(buf)).isEqualTo(1);
        buf.release();
    }

    @Test
    void aMessageSmallerThanItsStampIsTheStampAlone() {
        ByteBuf buf = Unpooled.buffer();
        PayloadTemplate.plain(8).write(buf, 1, 0, 0, 5, 6);
        assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo("~h1.1.0.0.5.6~");
        buf.release();
    }

    @Test
    void aTemplatePlacesTheStampInsideTheEnvelopeAndPadsBeforeTheSuffix() {
        ByteBuf buf = Unpooled.buffer();
        PayloadTemplate.parse("{\"type\":\"chat\",\"text\":\"{{stamp}}{{padding}}\"}", 100)
                .write(buf, 1, 2, 3, 4, 5);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"type\":\"chat\",\"text\":\"~h1.1.2.3.4.5~...").endsWith("...\"}");
        assertThat(buf.readableBytes()).isEqualTo(100);
        assertThat(stamps(buf)).isEqualTo(1);
        buf.release();
    }

    @Test
    void aTemplateWithoutPaddingIsNotPadded() {
        ByteBuf buf = Unpooled.buffer();
        PayloadTemplate.parse("42[\"msg\",\"{{stamp}}\"]", 500).write(buf, 1, 2, 3, 4, 5);
        assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo("42[\"msg\",\"~h1.1.2.3.4.5~\"]");
        buf.release();
    }

    @Test
    void aTemplateMustHoldTheStampOnceAndPaddingAfterIt() {
        assertThatThrownBy(() -> PayloadTemplate.parse("{\"a\":1}", 10)).hasMessageContaining("{{stamp}} exactly once");
        assertThatThrownBy(() -> PayloadTemplate.parse("{{stamp}}{{stamp}}", 10)).hasMessageContaining("exactly once");
        assertThatThrownBy(() -> PayloadTemplate.parse("{{padding}}{{stamp}}", 10)).hasMessageContaining("after");
    }

    private static int stamps(ByteBuf buf) {
        return StampScanner.scan(buf, new StampListener() {
            @Override
            public void onStamp(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
            }

            @Override
            public void onMalformed() {
                throw new AssertionError("malformed stamp in " + buf.toString(StandardCharsets.UTF_8));
            }
        });
    }
}
