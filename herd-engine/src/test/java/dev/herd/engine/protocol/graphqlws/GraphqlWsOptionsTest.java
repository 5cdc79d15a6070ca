package dev.herd.engine.protocol.graphqlws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.protocol.WireProtocol;
import dev.herd.engine.protocol.WireProtocols;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** graphql-ws's options, defaults and errors, its subprotocol, and the secrets of its connection payload. */
class GraphqlWsOptionsTest {

    private static final String QUERY = GraphqlWsStageTest.QUERY;

    @Test
    void theOptionsAndDefaultsAreThoseOfTheDesign() {
        assertThat(WireProtocols.options("graphql-ws").stream().map(o -> o.key() + "=" + o.defaultValue()))
                .containsExactly("query=null", "variables={\"topic\":\"{{topic}}\"}", "connection_payload=null");
        WireProtocol gql = WireProtocols.builtIn("graphql-ws", Map.of("query", QUERY));
        assertThat(gql.subprotocols()).containsExactly("graphql-transport-ws");
        assertThat(gql.subscribes()).isTrue();
        assertThat(gql.publishes()).isFalse();
        assertThat(gql.placeholders()).containsExactly("topic");
        assertThat(gql.secretValues()).isEmpty();
    }

    @Test
    void withoutAQueryTheErrorSaysItIsRequiredInOneLine() {
        assertThatThrownBy(() -> WireProtocols.builtIn("graphql-ws", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("protocol option 'query' of graphql-ws is required: the subscription to start, e.g. "
                        + "query=subscription($topic:String!){messages(topic:$topic)}");
        assertThatThrownBy(() -> WireProtocols.builtIn("graphql-ws", Map.of("query", "  ")))
                .hasMessageStartingWith("protocol option 'query' of graphql-ws is required");
    }

    @ParameterizedTest(name = "{0} is an error: {1}")
    @CsvSource(delimiter = '|', value = {
        "querry=x                      | protocol option 'querry' is not an option of graphql-ws (its options: query, "
                + "variables, connection_payload)",
        "variables=[1]                 | protocol option 'variables' of graphql-ws must be a JSON object such as "
                + "{\"topic\":\"{{topic}}\"}, not '[1]'",
        "connection_payload={\"token\": | protocol option 'connection_payload' of graphql-ws must be a JSON object "
                + "such as {\"token\":\"…\"}, not '{\"token\":' (not JSON at offset 9: a value expected)",
        "variables={\"d\":\"{{stamp}}\"}  | protocol option 'variables' of graphql-ws uses {{stamp}}, which only a "
                + "publish frame has",
    })
    void aBadOptionIsOneLineNamingIt(String option, String error) {
        int eq = option.indexOf('=');
        Map<String, String> options = new LinkedHashMap<>(Map.of("query", QUERY));
        options.put(option.substring(0, eq), option.substring(eq + 1));
        assertThatThrownBy(() -> WireProtocols.builtIn("graphql-ws", options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(error);
    }

    @Test
    void theConnectionPayloadAndItsCredentialsAreSecretButNotValuesMadeOfPlaceholders() {
        String payload = "{\"headers\":{\"Authorization\":\"Bearer abc123\"},\"authToken\":\"tok-9\","
                + "\"locale\":\"en\",\"apiKey\":\"{{token}}\"}";
        WireProtocol gql = WireProtocols.builtIn("graphql-ws", Map.of("query", QUERY, "connection_payload", payload));
        assertThat(gql.secretValues()).containsExactlyInAnyOrder(payload, "Bearer abc123", "abc123", "tok-9");
        assertThat(gql.toString()).doesNotContain("abc123").doesNotContain("tok-9");
    }
}
