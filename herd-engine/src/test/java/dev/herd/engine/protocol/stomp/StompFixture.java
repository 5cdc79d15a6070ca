package dev.herd.engine.protocol.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.protocol.ProtocolOptions;
import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.RecordingProtocolSession;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A STOMP stage in an {@link EmbeddedChannel} with a frozen clock, and the frames a broker sends it. */
final class StompFixture {

    static final String CONNECT_DEFAULT = "CONNECT\naccept-version:1.0,1.1,1.2\nhost:/\nheart-beat:10000,10000\n\n\0";
    static final String SUBSCRIBE_DEFAULT = "SUBSCRIBE\nid:0\ndestination:/topic/news\nack:auto\nreceipt:sub-0\n\n\0";
    static final String RECEIPT = "RECEIPT\nreceipt-id:sub-0\n\n\0";

    private StompFixture() {
    }

    /** STOMP with options given as key, value, key, value, … */
    static StompProtocol protocol(String... keyValues) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int k = 0; k < keyValues.length; k += 2) {
            given.put(keyValues[k], keyValues[k + 1]);
        }
        return StompProtocol.of(ProtocolOptions.of(StompProtocol.NAME, given, StompProtocol.OPTIONS));
    }

    /** The stage started (CONNECT written, not yet read) on a channel whose clock moves only when told. */
    static EmbeddedChannel start(StompProtocol protocol, RecordingProtocolSession session) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(protocol.newStage(session));
        ch.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
        return ch;
    }

    /** A subscriber through CONNECTED ({@code version}, {@code heartBeat}) and the RECEIPT; nothing left outbound. */
    static EmbeddedChannel subscribed(StompProtocol protocol, RecordingProtocolSession session, String version,
                                      String heartBeat) {
        EmbeddedChannel ch = start(protocol, session);
        assertThat(sent(ch)).startsWith("CONNECT\n");
        receive(ch, connected(version, heartBeat));
        assertThat(sent(ch)).startsWith("SUBSCRIBE\n");
        receive(ch, RECEIPT);
        assertThat(session.trace()).containsExactly("subscribed");
        session.trace().clear();
        return ch;
    }

    /** The next text frame the stage wrote, released; null when there is none. */
    static String sent(EmbeddedChannel ch) {
        Object out = ch.readOutbound();
        if (out == null) {
            return null;
        }
        assertThat(out).isInstanceOf(TextWebSocketFrame.class);
        WebSocketFrame frame = (WebSocketFrame) out;
        try {
            return frame.content().toString(StandardCharsets.UTF_8);
        } finally {
            frame.release();
        }
    }

    /** One WebSocket text message from the broker; checks the stage released it. */
    static void receive(EmbeddedChannel ch, String text) {
        TextWebSocketFrame frame = new TextWebSocketFrame(text);
        ch.writeInbound(frame);
        assertThat(frame.refCnt()).isZero();
    }

    /** CONNECTED with {@code version} and {@code heart-beat} headers, each left out when null. */
    static String connected(String version, String heartBeat) {
        return "CONNECTED\n" + (version == null ? "" : "version:" + version + "\n")
                + (heartBeat == null ? "" : "heart-beat:" + heartBeat + "\n") + "server:test\n\n\0";
    }

    /** A MESSAGE of the subscription, body ended by NUL, no content-length. */
    static String message(String body) {
        return "MESSAGE\nsubscription:0\nmessage-id:m-1\ndestination:/topic/news\n\n" + body + "\0";
    }

    /** A MESSAGE whose body is measured by content-length (in UTF-8 bytes). */
    static String measuredMessage(String body) {
        return "MESSAGE\nsubscription:0\nmessage-id:m-2\ncontent-length:" + body.getBytes(StandardCharsets.UTF_8).length
                + "\n\n" + body + "\0";
    }
}
