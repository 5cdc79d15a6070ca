package dev.herd.engine.protocol.stomp;

import static dev.herd.engine.protocol.stomp.StompFixture.CONNECT_DEFAULT;
import static dev.herd.engine.protocol.stomp.StompFixture.RECEIPT;
import static dev.herd.engine.protocol.stomp.StompFixture.SUBSCRIBE_DEFAULT;
import static dev.herd.engine.protocol.stomp.StompFixture.connected;
import static dev.herd.engine.protocol.stomp.StompFixture.protocol;
import static dev.herd.engine.protocol.stomp.StompFixture.receive;
import static dev.herd.engine.protocol.stomp.StompFixture.sent;
import static dev.herd.engine.protocol.stomp.StompFixture.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herd.engine.protocol.RecordingProtocolSession;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/**
 * The STOMP handshake in order: CONNECT, CONNECTED, SUBSCRIBE with a receipt, RECEIPT; and each way a broker can
 * refuse it.
 */
class StompHandshakeTest {

    private final RecordingProtocolSession session = RecordingProtocolSession.subscriber();

    @Test
    void theUpgradeOffersEveryStompVersionAsASubprotocol() {
        assertThat(protocol().subprotocols()).containsExactly("v12.stomp", "v11.stomp", "v10.stomp");
    }

    @Test
    void connectIsSentFirstOfferingEveryVersionTheHostAndTenSecondHeartBeats() {
        EmbeddedChannel ch = start(protocol(), session);
        assertThat(sent(ch)).isEqualTo(CONNECT_DEFAULT);
        assertNull(ch.readOutbound());
        assertThat(session.trace()).isEmpty();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void loginPasscodeHostAndHeartbeatGoIntoConnectAsGiven() {
        EmbeddedChannel ch = start(protocol("login", "guest", "passcode", "s3cret", "host", "vh1", "heartbeat", "0"),
                session);
        assertThat(sent(ch)).isEqualTo("CONNECT\naccept-version:1.0,1.1,1.2\nhost:vh1\nlogin:guest\npasscode:s3cret\n"
                + "heart-beat:0,0\n\n\0");
        ch.finishAndReleaseAll();
    }

    @Test
    void loginPasscodeAndHostAreTemplatesFilledFromThisConnectionsFeederRow() {
        RecordingProtocolSession alice = RecordingProtocolSession.subscriber().with("user", "alice").with("token", "t-1é");
        EmbeddedChannel ch = start(protocol("login", "{{user}}", "passcode", "{{token}}", "host", "vh-{{client}}"),
                alice);
        assertThat(sent(ch)).isEqualTo("CONNECT\naccept-version:1.0,1.1,1.2\nhost:vh-7\nlogin:alice\npasscode:t-1é\n"
                + "heart-beat:10000,10000\n\n\0");
        ch.finishAndReleaseAll();
    }

    @Test
    void subscribeFollowsConnectedAndTheMatchingReceiptAcknowledgesIt() {
        EmbeddedChannel ch = start(protocol(), session);
        assertThat(sent(ch)).isEqualTo(CONNECT_DEFAULT);
        receive(ch, connected("1.2", "0,0"));
        assertThat(sent(ch)).isEqualTo(SUBSCRIBE_DEFAULT);
        assertNull(ch.readOutbound());
        assertThat(session.trace()).isEmpty();
        receive(ch, "RECEIPT\nreceipt-id:something-else\n\n\0");
        assertThat(session.trace()).isEmpty();
        receive(ch, RECEIPT);
        assertThat(session.trace()).containsExactly("subscribed");
        receive(ch, RECEIPT);
        assertThat(session.trace()).containsExactly("subscribed");
        assertNull(ch.readOutbound());
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void theDestinationTemplateAndAckModeGoIntoSubscribe() {
        EmbeddedChannel ch = start(protocol("destination", "/exchange/amq.topic/{{topic}}.{{client}}", "ack",
                "client-individual"), session);
        sent(ch);
        receive(ch, connected("1.1", null));
        assertThat(sent(ch)).isEqualTo("SUBSCRIBE\nid:0\ndestination:/exchange/amq.topic/news.7\n"
                + "ack:client-individual\nreceipt:sub-0\n\n\0");
        ch.finishAndReleaseAll();
    }

    @Test
    void aStomp10BrokerWithoutVersionOrHeartBeatIsSubscribedToAllTheSame() {
        EmbeddedChannel ch = start(protocol(), session);
        sent(ch);
        receive(ch, "CONNECTED\nsession:1\n\n\0\n");
        assertThat(sent(ch)).isEqualTo(SUBSCRIBE_DEFAULT);
        receive(ch, RECEIPT + "\n");
        assertThat(session.trace()).containsExactly("subscribed");
        ch.finishAndReleaseAll();
    }

    @Test
    void connectedAndReceiptInOneWebSocketMessageSubscribeAtOnce() {
        EmbeddedChannel ch = start(protocol(), session);
        sent(ch);
        receive(ch, connected("1.2", "0,0") + "\n" + RECEIPT);
        assertThat(sent(ch)).isEqualTo(SUBSCRIBE_DEFAULT);
        assertThat(session.trace()).containsExactly("subscribed");
        ch.finishAndReleaseAll();
    }

    @Test
    void anErrorInsteadOfConnectedIsARejectionWithTheErrorsMessage() {
        EmbeddedChannel ch = start(protocol("login", "nobody"), session);
        sent(ch);
        receive(ch, "ERROR\nmessage:Access refused for user 'nobody'\ncontent-type:text/plain\n\nLogin failed\0");
        assertThat(session.trace()).containsExactly("rejected STOMP ERROR: Access refused for user 'nobody'");
        assertNull(ch.readOutbound());
        ch.close();
        assertThat(session.trace()).hasSize(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void anErrorBeforeTheReceiptIsARejection() {
        EmbeddedChannel ch = start(protocol(), session);
        sent(ch);
        receive(ch, connected("1.2", "0,0"));
        sent(ch);
        receive(ch, "ERROR\nmessage:not_found\n\n\0");
        assertThat(session.trace()).containsExactly("rejected STOMP ERROR: not_found");
        ch.finishAndReleaseAll();
    }

    @Test
    void anErrorWithoutMessageHeaderIsARejectionAllTheSame() {
        EmbeddedChannel ch = start(protocol(), session);
        sent(ch);
        receive(ch, "ERROR\n\nsomething went wrong\0");
        assertThat(session.trace()).containsExactly("rejected STOMP ERROR");
        ch.finishAndReleaseAll();
    }

    @Test
    void theServerClosingBeforeConnectedIsARejection() {
        EmbeddedChannel ch = start(protocol(), session);
        sent(ch);
        ch.close();
        assertThat(session.trace()).containsExactly(
                "rejected the server closed the connection during the STOMP handshake");
        ch.finishAndReleaseAll();
    }

    @Test
    void theServerClosingBeforeTheReceiptIsARejection() {
        EmbeddedChannel ch = start(protocol(), session);
        sent(ch);
        receive(ch, connected("1.2", "0,0"));
        sent(ch);
        ch.close();
        assertThat(session.trace()).containsExactly(
                "rejected the server closed the connection during the STOMP handshake");
        ch.finishAndReleaseAll();
    }

    @Test
    void closingAfterTheSubscriptionIsNotARejection() {
        EmbeddedChannel ch = StompFixture.subscribed(protocol(), session, "1.2", "0,0");
        ch.close();
        assertThat(session.trace()).isEmpty();
        ch.finishAndReleaseAll();
    }

    @Test
    void aPublisherIsReadyAtConnectedAndNeverSubscribes() {
        RecordingProtocolSession publisher = RecordingProtocolSession.publisher();
        EmbeddedChannel ch = start(protocol(), publisher);
        assertThat(sent(ch)).isEqualTo(CONNECT_DEFAULT);
        receive(ch, connected("1.2", "0,0"));
        assertThat(publisher.trace()).containsExactly("subscribed");
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void aHeartBeatHeaderThatDoesNotParseIsMalformed() {
        EmbeddedChannel ch = start(protocol(), session);
        sent(ch);
        receive(ch, connected("1.2", "soon"));
        assertThat(session.trace()).containsExactly(
                "violated protocol_malformed: the STOMP CONNECTED frame's heart-beat is not two numbers: soon");
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }
}
