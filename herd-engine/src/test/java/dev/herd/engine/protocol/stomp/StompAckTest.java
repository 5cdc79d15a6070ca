package dev.herd.engine.protocol.stomp;

import static dev.herd.engine.protocol.stomp.StompFixture.protocol;
import static dev.herd.engine.protocol.stomp.StompFixture.receive;
import static dev.herd.engine.protocol.stomp.StompFixture.sent;
import static dev.herd.engine.protocol.stomp.StompFixture.subscribed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herd.engine.protocol.RecordingProtocolSession;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** With ack client or client-individual, every MESSAGE is acknowledged the way the negotiated version says. */
class StompAckTest {

    private final RecordingProtocolSession session = RecordingProtocolSession.subscriber();

    @Test
    void stomp12AcknowledgesByTheMessagesAckHeader() {
        EmbeddedChannel ch = subscribed(protocol("ack", "client"), session, "1.2", "0,0");
        receive(ch, "MESSAGE\nsubscription:0\nmessage-id:007\nack:T_0@@session-1@@1\n\nbody\0");
        assertThat(session.delivered()).containsExactly("body");
        assertThat(sent(ch)).isEqualTo("ACK\nid:T_0@@session-1@@1\n\n\0");
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void stomp11AcknowledgesByMessageIdAndSubscription() {
        EmbeddedChannel ch = subscribed(protocol("ack", "client-individual"), session, "1.1", "0,0");
        receive(ch, "MESSAGE\nsubscription:0\nmessage-id:m\\c42\n\nbody\0");
        assertThat(sent(ch)).isEqualTo("ACK\nmessage-id:m\\c42\nsubscription:0\n\n\0");
        ch.finishAndReleaseAll();
    }

    @Test
    void stomp10AcknowledgesByMessageId() {
        EmbeddedChannel ch = subscribed(protocol("ack", "client"), session, null, null);
        receive(ch, "MESSAGE\ndestination:/topic/news\nmessage-id:ID:broker-1:1\n\nbody\0");
        assertThat(sent(ch)).isEqualTo("ACK\nmessage-id:ID:broker-1:1\nsubscription:0\n\n\0");
        ch.finishAndReleaseAll();
    }

    @Test
    void eachOfSeveralMessagesInOneWebSocketMessageIsAcknowledgedInOrder() {
        EmbeddedChannel ch = subscribed(protocol("ack", "client-individual"), session, "1.2", "0,0");
        receive(ch, "MESSAGE\nack:a1\n\none\0\nMESSAGE\nack:a2\n\ntwo\0MESSAGE\nack:a3\ncontent-length:5\n\nth\0ee\0");
        assertThat(session.delivered()).containsExactly("one", "two", "th\\0ee");
        assertThat(sent(ch)).isEqualTo("ACK\nid:a1\n\n\0");
        assertThat(sent(ch)).isEqualTo("ACK\nid:a2\n\n\0");
        assertThat(sent(ch)).isEqualTo("ACK\nid:a3\n\n\0");
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void aStomp12MessageWithoutAckHeaderIsAcknowledgedByItsMessageId() {
        EmbeddedChannel ch = subscribed(protocol("ack", "client"), session, "1.2", "0,0");
        receive(ch, "MESSAGE\nmessage-id:m-9\n\nbody\0");
        assertThat(sent(ch)).isEqualTo("ACK\nid:m-9\n\n\0");
        ch.finishAndReleaseAll();
    }

    @Test
    void aMessageWithNothingToAcknowledgeItByIsMalformed() {
        EmbeddedChannel ch = subscribed(protocol("ack", "client"), session, "1.1", "0,0");
        receive(ch, "MESSAGE\nsubscription:0\n\nbody\0");
        assertThat(session.trace()).containsExactly("deliver body",
                "violated protocol_malformed: a STOMP MESSAGE has no message-id header to ACK it by");
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void autoModeSendsNoAck() {
        EmbeddedChannel ch = subscribed(protocol(), session, "1.2", "0,0");
        receive(ch, "MESSAGE\nmessage-id:1\nack:1\n\nbody\0");
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }
}
