package dev.herd.broker.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.testing.SseStreamParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SseEventEncoderTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    @Test
    void singleLineEventIsOneChunkWithIdAndData() {
        assertThat(encodeEvent(7, "hello")).isEqualTo(chunk("id: 7\ndata: hello\n\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "LF splits lines                 | a\\nb          | data: a\\ndata: b\\n",
        "CR splits lines                 | a\\rb          | data: a\\ndata: b\\n",
        "CRLF is one break               | a\\r\\nb       | data: a\\ndata: b\\n",
        "a trailing break leaves an empty last line | a\\n | data: a\\ndata: \\n",
        "a leading break gives an empty first line  | \\nb | data: \\ndata: b\\n",
        "CR CR is two breaks             | a\\r\\rb       | data: a\\ndata: \\ndata: b\\n",
        "CRLF LF is two breaks           | a\\r\\n\\nb    | data: a\\ndata: \\ndata: b\\n",
        "LF CR is two breaks             | a\\n\\rb       | data: a\\ndata: \\ndata: b\\n",
        "leading spaces are kept         | '  x'         | data:   x\\n"
    })
    void multiLineDataBecomesSeveralDataLines(String name, String message, String expectedLines) {
        String data = unescape(message);
        assertThat(encodeEvent(12, data)).isEqualTo(chunk("id: 12\n" + unescape(expectedLines) + "\n"));
    }

    @ParameterizedTest(name = "a WHATWG parser rebuilds {0}")
    @CsvSource(delimiter = '|', value = {
        "one line              | hello            | hello",
        "LF lines              | a\\nb\\nc        | a\\nb\\nc",
        "CR and CRLF become LF | a\\rb\\r\\nc     | a\\nb\\nc",
        "a trailing LF         | a\\n             | a\\n",
        "only a break          | \\n              | \\n",
        "unicode               | ünïcødé ✓        | ünïcødé ✓"
    })
    void parserRebuildsTheMessage(String name, String message, String rebuilt) {
        List<SseStreamParser.Event> events = parse(encodeEvent(1, unescape(message)));
        assertThat(events).containsExactly(new SseStreamParser.Event("1", "message", unescape(rebuilt)));
    }

    @Test
    void emptyMessageIsOneEmptyDataLineAndStillAnEvent() {
        assertThat(encodeEvent(3, "")).isEqualTo(chunk("id: 3\ndata: \n\n"));
        assertThat(parse(encodeEvent(3, ""))).containsExactly(new SseStreamParser.Event("3", "message", ""));
    }

    @Test
    void retryHeartbeatTruncatedAndEndOfStream() {
        assertThat(text(SseEventEncoder.encodeRetry(ALLOC, 1500))).isEqualTo(chunk("retry: 1500\n\n"));
        assertThat(text(SseEventEncoder.heartbeat())).isEqualTo(chunk(": hb\n\n"));
        assertThat(text(SseEventEncoder.encodeReplayTruncated(ALLOC, 4, 10, 5))).isEqualTo(chunk(
                "event: replay-truncated\ndata: {\"requested\":4,\"oldest\":10,\"lost\":5}\n\n"));
        assertThat(text(SseEventEncoder.endOfStream())).isEqualTo("0\r\n\r\n");
    }

    @Test
    void truncatedEventHasNoIdSoTheLastEventIdStays() {
        byte[] stream = concat(bytes(SseEventEncoder.encodeEvent(ALLOC, 9, utf8("x"))),
                bytes(SseEventEncoder.encodeReplayTruncated(ALLOC, 2, 5, 2)));
        List<SseStreamParser.Event> events = parseBody(stream);
        assertThat(events).containsExactly(
                new SseStreamParser.Event("9", "message", "x"),
                new SseStreamParser.Event("9", "replay-truncated", "{\"requested\":2,\"oldest\":5,\"lost\":2}"));
    }

    @Test
    void encodingReadsTheMessageWithoutConsumingOrReleasingIt() {
        ByteBuf data = utf8("a\nb");
        ByteBuf chunk = SseEventEncoder.encodeEvent(ALLOC, 1, data);
        assertThat(data.readerIndex()).isZero();
        assertThat(data.refCnt()).isEqualTo(1);
        data.release();
        chunk.release();
        assertThat(chunk.refCnt()).isZero();
    }

    /**
     * The whole stream, as a client receives it after the response head, through Netty's HTTP response decoder,
     * split into two reads at every byte position: the chunk framing is valid and the events come out whole.
     */
    @Test
    void streamDecodesAsChunkedHttpSplitAtEveryBytePosition() {
        byte[] head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] body = concat(
                bytes(SseEventEncoder.encodeRetry(ALLOC, 1000)),
                bytes(SseEventEncoder.encodeEvent(ALLOC, 1, utf8("first"))),
                bytes(SseEventEncoder.heartbeat()),
                bytes(SseEventEncoder.encodeEvent(ALLOC, 2, utf8("two\nlines"))),
                bytes(SseEventEncoder.encodeEvent(ALLOC, 3, utf8(""))),
                bytes(SseEventEncoder.endOfStream()));
        byte[] stream = concat(head, body);
        for (int split = 0; split <= stream.length; split++) {
            EmbeddedChannel client = new EmbeddedChannel(new HttpResponseDecoder());
            client.writeInbound(Unpooled.wrappedBuffer(stream, 0, split));
            client.writeInbound(Unpooled.wrappedBuffer(stream, split, stream.length - split));
            List<SseStreamParser.Event> events = new ArrayList<>();
            List<String> comments = new ArrayList<>();
            SseStreamParser parser = new SseStreamParser(events::add, comments::add);
            boolean ended = false;
            Object message;
            while ((message = client.readInbound()) != null) {
                if (message instanceof HttpResponse response) {
                    assertThat(response.status().code()).isEqualTo(200);
                }
                if (message instanceof HttpContent content) {
                    parser.feed(content.content());
                    ended |= message instanceof LastHttpContent;
                    content.release();
                }
            }
            assertThat(client.finish()).isFalse();
            assertThat(ended).as("terminating chunk seen, split at %d", split).isTrue();
            assertThat(parser.retryMillis()).isEqualTo(1000);
            assertThat(comments).containsExactly("hb");
            assertThat(events).as("split at %d", split).containsExactly(
                    new SseStreamParser.Event("1", "message", "first"),
                    new SseStreamParser.Event("2", "message", "two\nlines"),
                    new SseStreamParser.Event("3", "message", ""));
        }
    }

    private static String encodeEvent(long id, String data) {
        ByteBuf payload = utf8(data);
        try {
            return text(SseEventEncoder.encodeEvent(ALLOC, id, payload));
        } finally {
            payload.release();
        }
    }

    /** Parses one encoded chunk's payload (the framing stripped) as a client's event stream. */
    private static List<SseStreamParser.Event> parse(String chunk) {
        String payload = chunk.substring(chunk.indexOf("\r\n") + 2, chunk.length() - 2);
        List<SseStreamParser.Event> events = new ArrayList<>();
        new SseStreamParser(events::add, comment -> { }).feed(payload.getBytes(StandardCharsets.UTF_8));
        return events;
    }

    /** Parses encoded chunks as a client does: through Netty's HTTP response decoder, then the stream parser. */
    private static List<SseStreamParser.Event> parseBody(byte[] chunks) {
        EmbeddedChannel client = new EmbeddedChannel(new HttpResponseDecoder());
        client.writeInbound(Unpooled.wrappedBuffer(concat(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII), chunks)));
        List<SseStreamParser.Event> events = new ArrayList<>();
        SseStreamParser parser = new SseStreamParser(events::add, comment -> { });
        Object message;
        while ((message = client.readInbound()) != null) {
            if (message instanceof HttpContent content) {
                parser.feed(content.content());
                content.release();
            }
        }
        client.finishAndReleaseAll();
        return events;
    }

    private static String chunk(String payload) {
        int length = payload.getBytes(StandardCharsets.UTF_8).length;
        return Integer.toHexString(length) + "\r\n" + payload + "\r\n";
    }

    private static String text(ByteBuf buf) {
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    private static byte[] bytes(ByteBuf buf) {
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    private static ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\r", "\r");
    }
}
