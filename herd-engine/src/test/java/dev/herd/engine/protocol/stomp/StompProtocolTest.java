package dev.herd.engine.protocol.stomp;

import static dev.herd.engine.protocol.stomp.StompFixture.protocol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.protocol.ProtocolOption;
import dev.herd.engine.protocol.WireProtocol;
import dev.herd.engine.protocol.WireProtocols;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** STOMP's options: their names and defaults, and a one-line error naming the option for each bad value. */
class StompProtocolTest {

    @Test
    void theOptionsAreExactlyThoseOfTheDesignWithTheirDefaults() {
        assertThat(StompProtocol.OPTIONS).extracting(ProtocolOption::key, ProtocolOption::defaultValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("login", null),
                        org.assertj.core.groups.Tuple.tuple("passcode", null),
                        org.assertj.core.groups.Tuple.tuple("host", "/"),
                        org.assertj.core.groups.Tuple.tuple("destination", "/topic/{{topic}}"),
                        org.assertj.core.groups.Tuple.tuple("heartbeat", "10s"),
                        org.assertj.core.groups.Tuple.tuple("ack", "auto"));
    }

    @Test
    void itIsBuiltInByName() {
        WireProtocol stomp = WireProtocols.builtIn("stomp", Map.of("login", "guest"));
        assertThat(stomp.name()).isEqualTo("stomp");
        assertThat(stomp.subscribes()).isTrue();
        assertThat(stomp.publishes()).isTrue();
        assertThat(WireProtocols.names()).contains("stomp");
    }

    @Test
    void thePasscodeIsASecretAndTheLoginIsNot() {
        assertThat(protocol("login", "guest", "passcode", "s3cret").secretValues()).containsExactly("s3cret");
        assertThat(protocol("login", "guest").secretValues()).isEmpty();
    }

    @Test
    void aPasscodeTemplateKeepsItsLiteralPartsSecretItsPlaceholdersAreMaskedAsFeederColumns() {
        assertThat(protocol("passcode", "{{token}}").secretValues()).isEmpty();
        assertThat(protocol("passcode", "key-{{token}}-end").secretValues()).containsExactlyInAnyOrder("key-", "-end");
    }

    @Test
    void thePlaceholdersAreThoseOfTheDestinationAndTheCredentialsAllInHeaderLines() {
        assertThat(protocol().placeholders()).containsExactly("topic");
        assertThat(protocol("destination", "/queue/{{tenant}}.{{topic_index}}").placeholders())
                .containsExactlyInAnyOrder("tenant", "topic_index");
        StompProtocol perUser = protocol("login", "{{user}}", "passcode", "{{token}}", "host", "{{vhost}}");
        assertThat(perUser.placeholders()).containsExactlyInAnyOrder("user", "token", "vhost", "topic");
        assertThat(perUser.headerPlaceholders()).isEqualTo(perUser.placeholders());
    }

    @Test
    void anUnknownOptionIsNamedWithTheOptionsThereAre() {
        assertThatThrownBy(() -> protocol("user", "guest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("protocol option 'user' is not an option of stomp (its options: login, passcode, host, "
                        + "destination, heartbeat, ack)");
    }

    @Test
    void anAckModeOtherThanTheThreeIsRefused() {
        assertThatThrownBy(() -> protocol("ack", "none"))
                .hasMessage("protocol option 'ack' of stomp must be auto or client or client-individual, not 'none'");
        assertThat(protocol("ack", "CLIENT").ackMode()).isEqualTo(StompAckMode.CLIENT);
    }

    @Test
    void aHeartbeatThatIsNotADurationIsRefused() {
        assertThatThrownBy(() -> protocol("heartbeat", "often"))
                .hasMessage("protocol option 'heartbeat' of stomp must be a duration such as 500ms, 10s or 1m, "
                        + "not 'often'");
        assertThatThrownBy(() -> protocol("heartbeat", "-5s"))
                .hasMessage("protocol option 'heartbeat' of stomp must be a duration such as 10s, or 0 for none, "
                        + "not '-5s'");
        assertThat(protocol("heartbeat", "2m").heartbeatMillis()).isEqualTo(120_000);
    }

    @Test
    void aLineBreakInAHeaderValueIsRefusedWithoutShowingTheValue() {
        assertThatThrownBy(() -> protocol("passcode", "se\ncret"))
                .hasMessage("protocol option 'passcode' of stomp must not hold a line break or NUL");
        assertThatThrownBy(() -> protocol("destination", "/topic/a\r\nx"))
                .hasMessage("protocol option 'destination' of stomp must not hold a line break or NUL");
        assertThatThrownBy(() -> protocol("login", "a\0b"))
                .hasMessage("protocol option 'login' of stomp must not hold a line break or NUL");
    }

    @Test
    void theDestinationCannotBeEmptyAndNoHeaderCanUseThePayload() {
        assertThatThrownBy(() -> protocol("destination", ""))
                .hasMessage("protocol option 'destination' of stomp must not be empty");
        assertThatThrownBy(() -> protocol("destination", "/topic/{{stamp}}"))
                .hasMessage("protocol option 'destination' of stomp cannot use {{stamp}}: SUBSCRIBE has no payload");
        assertThatThrownBy(() -> protocol("passcode", "{{payload}}"))
                .hasMessage("protocol option 'passcode' of stomp cannot use {{payload}}: CONNECT has no payload");
    }
}
