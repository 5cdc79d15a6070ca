package dev.herd.engine.protocol.stomp;

import static dev.herd.engine.protocol.stomp.StompFixture.connected;
import static dev.herd.engine.protocol.stomp.StompFixture.protocol;
import static dev.herd.engine.protocol.stomp.StompFixture.receive;
import static dev.herd.engine.protocol.stomp.StompFixture.sent;
import static dev.herd.engine.protocol.stomp.StompFixture.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herd.engine.protocol.RecordingProtocolSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a publisher connection sends for each payload: a SEND frame with the destination and the payload's length. */
class StompPublishTest {

    private final RecordingProtocolSession publisher = RecordingProtocolSession.publisher();

    @Test
    void eachPayloadGoesOutAsASendFrameAndCountsWhenWritten() {
        EmbeddedChannel ch = connectedPublisher(protocol());
        ByteBuf payload = Unpooled.copiedBuffer("~h1.1a2b3c4d.0.1.2.3~xxxx", StandardCharsets.UTF_8);
        ChannelFuture written = ch.writeAndFlush(payload);
        assertThat(sent(ch)).isEqualTo("SEND\ndestination:/topic/news\ncontent-type:text/plain\ncontent-length:25\n\n"
                + "~h1.1a2b3c4d.0.1.2.3~xxxx\0");
        assertThat(written.isSuccess()).isTrue();
        assertThat(payload.refCnt()).isZero();
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void theContentLengthCountsBytesSoABodyMayHoldNulsAndNonAscii() {
        EmbeddedChannel ch = connectedPublisher(protocol());
        ch.writeAndFlush(Unpooled.copiedBuffer("é\0€", StandardCharsets.UTF_8));
        assertThat(sent(ch)).isEqualTo("SEND\ndestination:/topic/news\ncontent-type:text/plain\ncontent-length:6\n\n"
                + "é\0€\0");
        ch.finishAndReleaseAll();
    }

    @Test
    void theDestinationTemplateIsFilledForTheConnection() {
        EmbeddedChannel ch = connectedPublisher(protocol("destination", "/exchange/{{topic}}/{{topic_index}}"));
        ch.writeAndFlush(Unpooled.copiedBuffer("x", StandardCharsets.UTF_8));
        ch.writeAndFlush(Unpooled.copiedBuffer("y", StandardCharsets.UTF_8));
        assertThat(sent(ch)).isEqualTo("SEND\ndestination:/exchange/news/0\ncontent-type:text/plain\n"
                + "content-length:1\n\nx\0");
        assertThat(sent(ch)).isEqualTo("SEND\ndestination:/exchange/news/0\ncontent-type:text/plain\n"
                + "content-length:1\n\ny\0");
        ch.finishAndReleaseAll();
    }

    @Test
    void aPayloadBeforeConnectedFailsAndIsReleased() {
        EmbeddedChannel ch = start(protocol(), publisher);
        sent(ch);
        ByteBuf payload = Unpooled.copiedBuffer("early", StandardCharsets.UTF_8);
        ChannelFuture written = ch.writeAndFlush(payload);
        assertThat(written.isSuccess()).isFalse();
        assertThat(written.cause()).hasMessage("the STOMP connection is not open");
        assertThat(payload.refCnt()).isZero();
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void aPayloadAfterAnErrorFailsAndIsReleased() {
        EmbeddedChannel ch = connectedPublisher(protocol());
        receive(ch, "ERROR\nmessage:bye\n\n\0");
        ByteBuf payload = Unpooled.copiedBuffer("late", StandardCharsets.UTF_8);
        assertThat(ch.writeAndFlush(payload).isSuccess()).isFalse();
        assertThat(payload.refCnt()).isZero();
        assertThat(publisher.trace()).containsExactly("subscribed", "violated protocol_error: STOMP ERROR: bye");
        ch.finishAndReleaseAll();
    }

    private EmbeddedChannel connectedPublisher(StompProtocol protocol) {
        EmbeddedChannel ch = start(protocol, publisher);
        assertThat(sent(ch)).startsWith("CONNECT\n");
        receive(ch, connected("1.2", "0,0"));
        assertThat(publisher.trace()).containsExactly("subscribed");
        return ch;
    }
}
