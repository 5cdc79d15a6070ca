package dev.herd.engine.protocol.socketio;

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
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Socket.IO stage on one connection, message by message: the handshake in order (open packet, namespace connect,
 * subscribe event, its ack), events to the stamp scan, pings and the ping timeout on the channel's clock, refusals
 * and disconnects, and what a publisher sends.
 */
class SocketIoStageTest {

    static final String OPEN = "0{\"sid\":\"s1\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,"
            + "\"maxPayload\":1000000}";
    private static final String STAMP = "~h1.1a2b3c4d.0.5.17f0000000000001.17f0000000000abc~";

    private RecordingProtocolSession session = RecordingProtocolSession.subscriber();
    private EmbeddedChannel channel;

    @AfterEach
    void nothingLeftBehind() {
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void aSubscriberAwaitsTheOpenPacketConnectsTheNamespaceEmitsTheSubscribeEventAndOpensOnItsAck() {
        start();
        assertThat(ServerWire.written(channel)).isEmpty();
        receive(OPEN);
        assertThat(ServerWire.written(channel)).containsExactly("40");
        receive("40{\"sid\":\"n1\"}");
        assertThat(ServerWire.written(channel)).containsExactly("420[\"subscribe\",\"news\"]");
        assertThat(session.trace()).isEmpty();
        receive("430[]");
        assertThat(session.trace()).containsExactly("subscribed");
        assertThat(ServerWire.written(channel)).isEmpty();
    }

    @Test
    void anAckOfAnotherIdOrBeforeTheEmitAcknowledgesNothing() {
        start();
        receive(OPEN);
        receive("430[]");
        receive("40{\"sid\":\"n1\"}");
        receive("431[]");
        receive("43[]");
        assertThat(session.trace()).isEmpty();
        receive("430[\"ok\"]");
        assertThat(session.trace()).containsExactly("subscribed");
    }

    @Test
    void withoutAckTheSubscriptionIsAcknowledgedOnceTheEmitIsWritten() {
        start(Map.of("ack", "false"));
        receive(OPEN);
        receive("40{\"sid\":\"n1\"}");
        assertThat(ServerWire.written(channel)).containsExactly("40", "42[\"subscribe\",\"news\"]");
        assertThat(session.trace()).containsExactly("subscribed");
    }

    @Test
    void aNamespaceOtherThanTheMainOnePrefixesEveryPacketAndOthersAreIgnored() {
        start(Map.of("namespace", "/chat"));
        receive(OPEN);
        assertThat(ServerWire.written(channel)).containsExactly("40/chat,");
        receive("40{\"sid\":\"main\"}");
        assertThat(ServerWire.written(channel)).isEmpty();
        receive("40/chat,{\"sid\":\"n1\"}");
        assertThat(ServerWire.written(channel)).containsExactly("42/chat,0[\"subscribe\",\"news\"]");
        receive("430[]");
        receive("43/chat,0[]");
        assertThat(session.trace()).containsExactly("subscribed");
        receive("42/chat,[\"message\",\"" + STAMP + "\"]");
        receive("42[\"message\",\"main namespace\"]");
        receive("42/chatroom,[\"message\",\"another\"]");
        receive("41/other,");
        assertThat(session.trace()).containsExactly("subscribed", "deliver /chat,[\"message\",\"" + STAMP + "\"]");
    }

    @Test
    void theSubscribeEventAndItsArgumentsComeFromTheOptions() {
        start(Map.of("subscribe_event", "join", "subscribe_args", "[{\"room\":\"{{topic}}\",\"client\":{{client}}}]"));
        receive(OPEN);
        receive("40");
        assertThat(ServerWire.written(channel))
                .containsExactly("40", "420[\"join\",{\"room\":\"news\",\"client\":7}]");
    }

    @Test
    void anEmptyArgumentArrayEmitsTheEventAlone() {
        start(Map.of("subscribe_event", "hello", "subscribe_args", " [ ] ", "ack", "false"));
        receive(OPEN);
        receive("40");
        assertThat(ServerWire.written(channel)).containsExactly("40", "42[\"hello\"]");
    }

    @Test
    void aValueHoldingQuotesIsEscapedInsideItsJsonString() {
        session = RecordingProtocolSession.subscriber().with("room", "room \"7\"\\");
        start(Map.of("subscribe_args", "[\"{{room}}\"]"));
        receive(OPEN);
        receive("40");
        assertThat(ServerWire.written(channel)).containsExactly("40", "420[\"subscribe\",\"room \\\"7\\\"\\\\\"]");
    }

    @Test
    void eventsAreDeliveredFromAfterTheirTypeWithTheirAckIdAndEverythingElseIsTheProtocolsOwn() {
        open();
        receive("42[\"message\",\"" + STAMP + "\"]");
        receive("4217[\"message\",{\"text\":\"" + STAMP + "\"}]");
        receive("451-[\"file\",{\"_placeholder\":true,\"num\":0}]");
        BinaryWebSocketFrame attachment = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[]{1, 2, 3}));
        channel.writeInbound(attachment);
        assertThat(attachment.refCnt()).isZero();
        receive("430[]");
        receive("4312[\"not ours\"]");
        receive("3");
        receive("6");
        assertThat(session.trace()).containsExactly("subscribed",
                "deliver [\"message\",\"" + STAMP + "\"]",
                "deliver 17[\"message\",{\"text\":\"" + STAMP + "\"}]");
        assertThat(ServerWire.written(channel)).isEmpty();
    }

    @Test
    void severalPacketsInOneMessageAreEachHandled() {
        open();
        receive("42[\"message\",\"a\"]\u001e2\u001e\u001e42[\"message\",\"b\"]\u001e");
        assertThat(session.trace()).containsExactly("subscribed", "deliver [\"message\",\"a\"]",
                "deliver [\"message\",\"b\"]");
        assertThat(ServerWire.written(channel)).containsExactly("3");
    }

    @Test
    void everyPingIsAnsweredWithAPong() {
        open();
        receive("2");
        receive("2");
        receive("2probe");
        assertThat(ServerWire.written(channel)).containsExactly("3", "3", "3probe");
    }

    @Test
    void pingsKeepTheConnectionAliveAndSilenceBeyondIntervalPlusTimeoutIsAHeartbeatTimeout() {
        start();
        channel.freezeTime();   // the loop's clock moves only when the test moves it
        receive("0{\"sid\":\"s1\",\"pingInterval\":1000,\"pingTimeout\":500}");
        receive("40");
        receive("430[]");
        advanceMillis(1400);
        receive("2");
        advanceMillis(100);    // 1500 ms after the open packet: the first check finds a ping 100 ms old
        advanceMillis(1300);   // 1400 ms after the ping
        assertThat(session.trace()).containsExactly("subscribed");
        advanceMillis(100);    // 1500 ms after the ping
        assertThat(session.trace()).containsExactly("subscribed",
                "violated heartbeat_timeout: no ping from the server for 1500 ms (pingInterval + pingTimeout)");
        assertThat(ServerWire.written(channel)).containsExactly("40", "420[\"subscribe\",\"news\"]", "3");
    }

    @Test
    void aConnectErrorInTheHandshakeIsARefusal() {
        start();
        receive(OPEN);
        receive("44{\"message\":\"Not authorized\"}");
        assertThat(session.trace()).containsExactly(
                "rejected the server refused namespace /: {\"message\":\"Not authorized\"}");
        receive("40");
        assertThat(ServerWire.written(channel)).containsExactly("40");
    }

    @Test
    void aNamespaceDisconnectInTheHandshakeIsARefusal() {
        start();
        receive(OPEN);
        receive("40");
        receive("41");
        assertThat(session.trace()).containsExactly("rejected the server disconnected namespace /");
    }

    @Test
    void aNamespaceDisconnectOnAnOpenConnectionIsAProtocolError() {
        open();
        receive("41\u001e42[\"message\",\"after the disconnect\"]");
        assertThat(session.trace()).containsExactly("subscribed",
                "violated protocol_error: the server disconnected namespace /");
    }

    @Test
    void anEngineCloseOnAnOpenConnectionIsAProtocolError() {
        open();
        receive("1");
        assertThat(session.trace()).containsExactly("subscribed",
                "violated protocol_error: the server closed the Engine.IO session");
    }

    @Test
    void aCloseDuringTheHandshakeIsARefusalAndAfterItNothingTheSessionDoesNotSee() {
        start();
        receive(OPEN);
        channel.close();
        assertThat(session.trace()).containsExactly(
                "rejected the server closed the connection during the Socket.IO handshake");

        session = RecordingProtocolSession.subscriber();
        channel.finishAndReleaseAll();
        open();
        channel.close();
        assertThat(session.trace()).containsExactly("subscribed");
    }

    @Test
    void anOpenPacketWithoutPingTimesOrAnUnknownPacketTypeIsMalformed() {
        start();
        receive("0{\"sid\":\"s1\",\"pingTimeout\":20000}");
        assertThat(session.trace()).containsExactly(
                "violated protocol_malformed: the Engine.IO open packet has no pingInterval");

        session = RecordingProtocolSession.subscriber();
        channel.finishAndReleaseAll();
        open();
        receive("x");
        assertThat(session.trace()).containsExactly("subscribed",
                "violated protocol_malformed: an Engine.IO packet of unknown type 'x'");

        session = RecordingProtocolSession.subscriber();
        channel.finishAndReleaseAll();
        open();
        receive("4\n");
        assertThat(session.trace()).containsExactly("subscribed",
                "violated protocol_malformed: a Socket.IO packet of unknown type 0x0a");
    }

    @Test
    void aPublisherConnectsItsNamespaceWithoutSubscribingAndEmitsThePublishEvent() {
        session = RecordingProtocolSession.publisher();
        start();
        receive(OPEN);
        receive("40{\"sid\":\"n1\"}");
        assertThat(session.trace()).containsExactly("subscribed");
        assertThat(ServerWire.written(channel)).containsExactly("40");

        ByteBuf payload = payload(STAMP + "....");
        ChannelFuture published = channel.writeAndFlush(payload);
        assertThat(published.isSuccess()).isTrue();
        assertThat(payload.refCnt()).isZero();
        assertThat(ServerWire.written(channel)).containsExactly(
                "42[\"publish\",{\"topic\":\"news\",\"data\":\"" + STAMP + "....\"}]");
    }

    @Test
    void thePublishFrameTakesTheNamespacePayloadLengthAndStampEscapedWhereTheySit() {
        session = RecordingProtocolSession.publisher();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("namespace", "/chat");
        options.put("publish_event", "say");
        options.put("publish_args", "[{\"room\":\"{{topic}}\",\"text\":\"{{payload}}\",\"n\":{{length}},"
                + "\"stamp\":\"{{stamp}}\"},{{payload}}]");
        start(options);
        receive(OPEN);
        receive("40/chat,");
        String json = "{\"a\":\"" + STAMP + "\"}";
        channel.writeAndFlush(payload(json));
        assertThat(ServerWire.written(channel)).containsExactly("40/chat,",
                "42/chat,[\"say\",{\"room\":\"news\",\"text\":\"{\\\"a\\\":\\\"" + STAMP + "\\\"}\",\"n\":"
                        + json.length() + ",\"stamp\":\"" + STAMP + "\"}," + json + "]");
    }

    @Test
    void aPublishBeforeTheNamespaceIsConnectedFailsAndReleasesThePayload() {
        session = RecordingProtocolSession.publisher();
        start();
        ByteBuf payload = payload(STAMP);
        ChannelFuture published = channel.writeAndFlush(payload);
        assertThat(published.isSuccess()).isFalse();
        assertThat(payload.refCnt()).isZero();
        assertThat(ServerWire.written(channel)).isEmpty();
    }

    @Test
    void receivingEventsAllocatesNothingOnceWarm() {
        session = RecordingProtocolSession.countingSubscriber();
        open();
        WebSocketFrame twoEvents = ReceiveAllocation.text("42[\"message\",\"" + STAMP + "...\"]\u001e42[\"message\","
                + "{\"text\":\"" + STAMP + "\"}]");
        try {
            double bytes = ReceiveAllocation.bytesPerMessage(channel, 20_000, twoEvents);
            assertThat(session.deliveries()).isEqualTo(80_000);
            assertThat(session.stamps()).isEqualTo(session.deliveries());
            // Less than one byte per event: one object per event would be at least 16.
            assertThat(bytes / 2).isLessThan(1.0);
        } finally {
            twoEvents.release();
        }
    }

    private void open() {
        start();
        receive(OPEN);
        receive("40");
        receive("430[]");
        ServerWire.written(channel);
    }

    private void start() {
        start(Map.of());
    }

    private void start(Map<String, String> options) {
        channel = new EmbeddedChannel(WireProtocols.builtIn("socketio", options).newStage(session));
        channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
    }

    private void receive(String text) {
        TextWebSocketFrame frame = new TextWebSocketFrame(text);
        channel.writeInbound(frame);
        assertThat(frame.refCnt()).isZero();
    }

    private void advanceMillis(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private static ByteBuf payload(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
