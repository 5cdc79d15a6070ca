package dev.herd.engine.protocol.mqtt;

import static dev.herd.engine.protocol.mqtt.MqttFixture.protocol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.herd.engine.protocol.ProtocolOption;
import dev.herd.engine.protocol.WireProtocol;
import dev.herd.engine.protocol.WireProtocols;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MQTT's options: their names and defaults, and a one-line error naming the option for each bad value. */
class MqttProtocolTest {

    @Test
    void theOptionsAreExactlyThoseOfTheDesignWithTheirDefaults() {
        assertThat(MqttProtocol.OPTIONS).extracting(ProtocolOption::key, ProtocolOption::defaultValue)
                .containsExactly(tuple("version", "3.1.1"), tuple("topic", "{{topic}}"), tuple("qos", "0"),
                        tuple("keepalive", "30s"), tuple("username", null), tuple("password", null),
                        tuple("client_id", "herd-{{run}}-{{client}}"));
    }

    @Test
    void itIsBuiltInByName() {
        WireProtocol mqtt = WireProtocols.builtIn("mqtt", Map.of("qos", "1"));
        assertThat(mqtt.name()).isEqualTo("mqtt");
        assertThat(mqtt.subscribes()).isTrue();
        assertThat(mqtt.publishes()).isTrue();
        assertThat(WireProtocols.names()).contains("mqtt", "stomp");
    }

    @Test
    void thePasswordIsASecretAndTheUserNameIsNot() {
        assertThat(protocol("username", "u", "password", "p4ss").secretValues()).containsExactly("p4ss");
        assertThat(protocol("username", "u").secretValues()).isEmpty();
    }

    @Test
    void aPasswordTemplateKeepsItsLiteralPartsSecretItsPlaceholdersAreMaskedAsFeederColumns() {
        assertThat(protocol("username", "{{user}}", "password", "{{token}}").secretValues()).isEmpty();
        assertThat(protocol("username", "u", "password", "key-{{token}}").secretValues()).containsExactly("key-");
    }

    @Test
    void thePlaceholdersAreThoseOfTheTopicClientIdAndCredentials() {
        assertThat(protocol().placeholders()).containsExactlyInAnyOrder("topic", "run", "client");
        assertThat(protocol("topic", "{{tenant}}/{{topic}}", "client_id", "c{{client}}").placeholders())
                .containsExactlyInAnyOrder("tenant", "topic", "client");
        assertThat(protocol("username", "{{user}}", "password", "{{token}}").placeholders())
                .containsExactlyInAnyOrder("topic", "run", "client", "user", "token");
        assertThat(protocol("username", "{{user}}").headerPlaceholders()).isEmpty();
    }

    @Test
    void aVersionOtherThan311Or5IsRefused() {
        assertThatThrownBy(() -> protocol("version", "3.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("protocol option 'version' of mqtt must be 3.1.1 or 5, not '3.1'");
        assertThat(protocol("version", "5").version()).isEqualTo(MqttVersion.V5);
    }

    @Test
    void aQosOtherThan0Or1IsRefused() {
        assertThatThrownBy(() -> protocol("qos", "2")).hasMessage("protocol option 'qos' of mqtt must be 0 or 1, not '2'");
    }

    @Test
    void aKeepAliveMustBeWholeSecondsThatFitTwoBytes() {
        assertThatThrownBy(() -> protocol("keepalive", "1500ms")).hasMessage("protocol option 'keepalive' of mqtt "
                + "must be whole seconds from 0 to 65535 (such as 30s), not '1500ms'");
        assertThatThrownBy(() -> protocol("keepalive", "19h")).hasMessage("protocol option 'keepalive' of mqtt "
                + "must be whole seconds from 0 to 65535 (such as 30s), not '19h'");
        assertThatThrownBy(() -> protocol("keepalive", "soon")).hasMessage("protocol option 'keepalive' of mqtt "
                + "must be a duration such as 500ms, 10s or 1m, not 'soon'");
        assertThat(protocol("keepalive", "2000ms").keepaliveSeconds()).isEqualTo(2);
        assertThat(protocol("keepalive", "0").keepaliveSeconds()).isZero();
    }

    @Test
    void anMqtt311PasswordNeedsAUserName() {
        assertThatThrownBy(() -> protocol("password", "p4ss")).hasMessage("protocol option 'password' of mqtt needs "
                + "'username' too: MQTT 3.1.1 sends no password without a user name");
    }

    @Test
    void theTopicCannotBeEmptyOrUseThePayload() {
        assertThatThrownBy(() -> protocol("topic", "")).hasMessage("protocol option 'topic' of mqtt must not be empty");
        assertThatThrownBy(() -> protocol("topic", "t/{{payload}}")).hasMessage("protocol option 'topic' of mqtt "
                + "cannot use {{payload}}: it is sent before any payload");
        assertThatThrownBy(() -> protocol("client_id", "c-{{length}}")).hasMessage("protocol option 'client_id' of "
                + "mqtt cannot use {{length}}: it is sent before any payload");
        assertThatThrownBy(() -> protocol("username", "u", "password", "{{stamp}}")).hasMessage("protocol option "
                + "'password' of mqtt cannot use {{stamp}}: it is sent before any payload");
    }

    @Test
    void anUnknownOptionIsNamedWithTheOptionsThereAre() {
        assertThatThrownBy(() -> protocol("clean_session", "false")).hasMessage("protocol option 'clean_session' is "
                + "not an option of mqtt (its options: version, topic, qos, keepalive, username, password, client_id)");
    }
}
