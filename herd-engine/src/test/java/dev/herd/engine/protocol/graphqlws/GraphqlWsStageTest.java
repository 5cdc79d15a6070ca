package dev.herd.engine.protocol.graphqlws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.ReceiveAllocation;
import dev.herd.engine.protocol.RecordingProtocolSession;
import dev.herd.engine.protocol.ServerWire;
import dev.herd.engine.protocol.WireProtocols;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The graphql-ws stage on one connection, message by message: connection_init at once, the subscribe after the ack
 * and acknowledged once written, next messages to the stamp scan, pings, errors, completes and closes.
 */
class GraphqlWsStageTest {

    static final String QUERY = "subscription($topic:String!){messages(topic:$topic)}";
    static final String SUBSCRIBE = "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"" + QUERY
            + "\",\"variables\":{\"topic\":\"news\"}}}";
    private static final String STAMP = "~h1.1a2b3c4d.0.5.17f0000000000001.17f0000000000abc~";
    private static final String NEXT = "{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{\"messages\":\""
            + STAMP + "\"}}}";

    private RecordingProtocolSession session = RecordingProtocolSession.subscriber();
    private EmbeddedChannel channel;

    @AfterEach
    void nothingLeftBehind() {
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void initGoesAtOnceThenTheSubscribeOnTheAckAcknowledgedOnceWritten() {
        start(Map.of());
        assertThat(ServerWire.written(channel)).containsExactly("{\"type\":\"connection_init\"}");
        assertThat(session.trace()).isEmpty();
        receive("{\"type\":\"connection_ack\"}");
        assertThat(ServerWire.written(channel)).containsExactly(SUBSCRIBE);
        assertThat(session.trace()).containsExactly("subscribed");
        receive("{\"type\":\"connection_ack\",\"payload\":{}}");
        assertThat(ServerWire.written(channel)).isEmpty();
        assertThat(session.trace()).containsExactly("subscribed");
    }

    @Test
    void theConnectionPayloadGoesInTheInitAndTheVariablesInTheSubscribe() {
        session = RecordingProtocolSession.subscriber().with("token", "t\"k");
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connection_payload", "{\"authToken\":\"{{token}}\",\"n\":{{client}}}");
        options.put("variables", "{\"t\":\"{{topic}}\",\"limit\":5}");
        options.put("query", "subscription($t:String!){messages(topic:$t, note:\"a\\\\b\")}");
        start(options);
        receive("{\"type\":\"connection_ack\"}");
        assertThat(ServerWire.written(channel)).containsExactly(
                "{\"type\":\"connection_init\",\"payload\":{\"authToken\":\"t\\\"k\",\"n\":7}}",
                "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription($t:String!){messages("
                        + "topic:$t, note:\\\"a\\\\\\\\b\\\")}\",\"variables\":{\"t\":\"news\",\"limit\":5}}}");
    }

    @Test
    void emptyVariablesAreLeftOutAndTheQueryMayHoldPlaceholders() {
        start(Map.of("variables", "", "query", "subscription{messages(topic:\"{{topic}}\")}"));
        receive("{\"type\":\"connection_ack\"}");
        assertThat(ServerWire.written(channel)).containsExactly("{\"type\":\"connection_init\"}",
                "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription{messages(topic:\\\""
                        + "news\\\")}\"}}");
    }

    @Test
    void nextMessagesOfTheSubscriptionAreDeliveredWholeWhateverTheKeyOrder() {
        open();
        String reordered = "{\"payload\":{\"data\":{\"messages\":\"" + STAMP + " \\\"id\\\":\\\"2\\\"}\"}},"
                + "\"type\":\"next\" , \"id\":\"1\"}";
        receive(NEXT);
        receive(reordered);
        receive("{\"id\":\"2\",\"type\":\"next\",\"payload\":{\"data\":{\"messages\":\"not ours\"}}}");
        receive("{\"type\":\"next\",\"payload\":{}}");
        assertThat(session.trace()).containsExactly("subscribed", "deliver " + NEXT, "deliver " + reordered);
    }

    @Test
    void pingsAreAnsweredWithPongsAndPongsIgnored() {
        open();
        receive("{\"type\":\"ping\"}");
        receive("{\"type\":\"ping\",\"payload\":{\"at\":[1,2,{\"x\":\"}\"}]}}");
        receive("{\"type\":\"pong\"}");
        assertThat(ServerWire.written(channel)).containsExactly("{\"type\":\"pong\"}", "{\"type\":\"pong\"}");
        assertThat(session.trace()).containsExactly("subscribed");
    }

    @Test
    void anErrorInsteadOfTheAckIsARefusal() {
        start(Map.of());
        receive("{\"type\":\"error\",\"payload\":[{\"message\":\"Forbidden\"}]}");
        assertThat(session.trace()).containsExactly(
                "rejected the server sent an error: {\"type\":\"error\",\"payload\":[{\"message\":\"Forbidden\"}]}");
        receive("{\"type\":\"connection_ack\"}");
        assertThat(ServerWire.written(channel)).containsExactly("{\"type\":\"connection_init\"}");
    }

    @Test
    void anErrorOfTheSubscriptionOnceOpenIsAProtocolErrorAndOfAnotherIsIgnored() {
        open();
        receive("{\"id\":\"7\",\"type\":\"error\",\"payload\":[{\"message\":\"other\"}]}");
        assertThat(session.trace()).containsExactly("subscribed");
        receive(NEXT);
        receive("{\"id\":\"1\",\"type\":\"error\",\"payload\":[{\"message\":\"boom\"}]}");
        receive(NEXT);
        assertThat(session.trace()).containsExactly("subscribed", "deliver " + NEXT,
                "violated protocol_error: the server sent an error: "
                        + "{\"id\":\"1\",\"type\":\"error\",\"payload\":[{\"message\":\"boom\"}]}");
    }

    @Test
    void aCompleteFromTheServerEndsTheSubscriptionAsAProtocolError() {
        open();
        receive("{\"id\":\"1\",\"type\":\"complete\"}");
        assertThat(session.trace()).containsExactly("subscribed",
                "violated protocol_error: the server completed the subscription");
    }

    @Test
    void aMessageThatIsNoJsonObjectWithATypeIsMalformed() {
        open();
        receive("{\"id\":\"1\",\"payload\":{}}");
        assertThat(session.trace()).containsExactly("subscribed",
                "violated protocol_malformed: a message that is not a JSON object with a type");
    }

    @Test
    void aCloseDuringTheHandshakeIsARefusalAndAfterItNothingTheSessionDoesNotSee() {
        start(Map.of());
        channel.close();
        assertThat(session.trace()).containsExactly(
                "rejected the server closed the connection during the graphql-ws handshake");

        session = RecordingProtocolSession.subscriber();
        channel.finishAndReleaseAll();
        open();
        channel.close();
        assertThat(session.trace()).containsExactly("subscribed");
    }

    @Test
    void aPayloadWrittenToTheConnectionIsRefusedAndReleased() {
        open();
        ByteBuf payload = Unpooled.copiedBuffer(STAMP, StandardCharsets.UTF_8);
        ChannelFuture published = channel.writeAndFlush(payload);
        assertThat(published.cause()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(payload.refCnt()).isZero();
        assertThat(ServerWire.written(channel)).isEmpty();
    }

    @Test
    void receivingNextMessagesAllocatesNothingOnceWarm() {
        session = RecordingProtocolSession.countingSubscriber();
        open();
        WebSocketFrame next = ReceiveAllocation.text(NEXT);
        try {
            double bytes = ReceiveAllocation.bytesPerMessage(channel, 20_000, next);
            assertThat(session.deliveries()).isEqualTo(40_000);
            assertThat(session.stamps()).isEqualTo(session.deliveries());
            // Less than one byte per message: one object per message would be at least 16.
            assertThat(bytes).isLessThan(1.0);
        } finally {
            next.release();
        }
    }

    private void open() {
        start(Map.of());
        receive("{\"type\":\"connection_ack\"}");
        ServerWire.written(channel);
    }

    private void start(Map<String, String> options) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("query", QUERY));
        all.putAll(options);
        channel = new EmbeddedChannel(WireProtocols.builtIn("graphql-ws", all).newStage(session));
        channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
    }

    private void receive(String text) {
        TextWebSocketFrame frame = new TextWebSocketFrame(text);
        channel.writeInbound(frame);
        assertThat(frame.refCnt()).isZero();
    }
}
