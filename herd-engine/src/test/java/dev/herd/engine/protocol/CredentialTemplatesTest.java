package dev.herd.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.feeder.Feeder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Credentials written as templates ({@code login}/{@code passcode} of STOMP, {@code username}/{@code password} of
 * MQTT): every placeholder they use is checked against what the run can fill before anything connects, through
 * {@link ClientOptions}, as the CLI builds it; a STOMP header cannot carry a feeder value with a line break.
 */
class CredentialTemplatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"stomp, login, passcode", "mqtt, username, password"})
    void aPlaceholderTheRunCannotFillIsAnOptionErrorNamingIt(String protocol, String user, String password) {
        WireProtocol perUser = WireProtocols.builtIn(protocol, Map.of(user, "{{user}}", password, "{{token}}"));
        assertThatThrownBy(() -> ClientOptions.defaults().withProtocol(perUser))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("protocol " + protocol + " uses {{user}}, which is neither a placeholder herd fills (client, "
                        + "length, payload, ref, run, stamp, topic, topic_index) nor a feeder column (no --feeder given)");
        Feeder users = Feeder.of("users.csv", List.of("user", "pass"), List.of(List.of("alice", "a")));
        assertThatThrownBy(() -> ClientOptions.defaults().withFeeder(users).withProtocol(perUser))
                .hasMessage("protocol " + protocol + " uses {{token}}, which is neither a placeholder herd fills "
                        + "(client, length, payload, ref, run, stamp, topic, topic_index) nor a column of users.csv "
                        + "(user, pass)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"stomp, login, passcode, true", "mqtt, username, password, false"})
    void aFeederValueWithALineBreakIsRefusedOnlyWhereAHeaderLineCarriesIt(String protocol, String user,
                                                                          String password, boolean refused) {
        Feeder users = Feeder.of("users.csv", List.of("user", "token"),
                List.of(List.of("alice", "t-1"), List.of("bob", "t-2\nsecret")));
        WireProtocol perUser = WireProtocols.builtIn(protocol, Map.of(user, "{{user}}", password, "{{token}}"));
        if (refused) {
            assertThatThrownBy(() -> ClientOptions.defaults().withFeeder(users).withProtocol(perUser))
                    .hasMessage("users.csv: row 2 holds a line break or NUL in column token, which protocol " + protocol
                            + " puts in a header line");
        } else {
            assertThat(ClientOptions.defaults().withFeeder(users).withProtocol(perUser).protocol()).isSameAs(perUser);
        }
        WireProtocol userOnly = WireProtocols.builtIn(protocol, Map.of(user, "{{user}}"));
        assertThat(ClientOptions.defaults().withFeeder(users).withProtocol(userOnly).protocol()).isSameAs(userOnly);
    }
}
