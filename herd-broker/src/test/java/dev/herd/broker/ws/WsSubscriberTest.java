package dev.herd.broker.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.connection.CloseCause;
import dev.herd.broker.connection.ConnectionKind;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WsSubscriberTest {

    @ParameterizedTest(name = "{0} -> close {1}")
    @CsvSource({
        "RESTART,         1012",
        "SLOW_DISCONNECT, 1008",
        "QUEUE_OVERFLOW,  1008",
        "PROTOCOL_ERROR,  1009",
        "ERROR,           1011"
    })
    void theFarewellCloseCodeSaysWhy(CloseCause cause, int code) {
        EmbeddedChannel channel = new EmbeddedChannel();
        WsSubscriber subscriber = new WsSubscriber(channel, "t", null, null, null, null);
        assertThat(subscriber.kind()).isEqualTo(ConnectionKind.WS);
        CloseWebSocketFrame frame = (CloseWebSocketFrame) subscriber.farewell(cause);
        assertThat(frame.statusCode()).isEqualTo(code);
        frame.release();
        channel.finishAndReleaseAll();
    }
}
