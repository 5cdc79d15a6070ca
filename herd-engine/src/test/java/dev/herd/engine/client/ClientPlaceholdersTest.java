package dev.herd.engine.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.feeder.Feeder;
import dev.herd.engine.feeder.FeederReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientPlaceholdersTest {

    private static final Feeder USERS = FeederReader.parse("users.csv", "user,token\nalice,t-1\n");

    @Test
    void knownNamesAreFilledAndOtherBracesStayAsWritten() {
        String url = ClientPlaceholders.expand("wss://h/ws/{topic}?token={token}&x={other}&j={\"a\":1}",
                name -> Map.of("topic", "topic-3", "token", "t-1").get(name));
        assertThat(url).isEqualTo("wss://h/ws/topic-3?token=t-1&x={other}&j={\"a\":1}");
    }

    @Test
    void aValueWithDollarsAndBackslashesIsCopiedAsItIs() {
        assertThat(ClientPlaceholders.expand("{token}", n -> "a$1\\b")).isEqualTo("a$1\\b");
    }

    @Test
    void aUrlMayUseTheClientsPlaceholdersAndTheFeedersColumns() {
        ClientPlaceholders.checkUrl("the URL", "ws://h/{topic}/{topic_index}/{client}/{run}?t={token}", USERS);
    }

    @Test
    void anUnknownPlaceholderIsNamedWithWhatCouldBeUsed() {
        assertThatThrownBy(() -> ClientPlaceholders.checkUrl("the URL", "ws://h/ws?t={tokn}", USERS))
                .hasMessage("the URL uses {tokn}, which is neither a placeholder herd fills (client, run, topic, "
                        + "topic_index) nor a column of users.csv (user, token)");
        assertThatThrownBy(() -> ClientPlaceholders.checkUrl("the URL", "ws://h/ws?t={token}", null))
                .hasMessageContaining("nor a feeder column (no --feeder given)");
    }

    @Test
    void headerValuesAreCheckedWhenTheOptionsAreMade() {
        ClientOptions d = ClientOptions.defaults();
        assertThatThrownBy(() -> new ClientOptions(Map.of("Authorization", "Bearer {secret}"), d.subprotocols(), false,
                false, null, d.connectTimeout(), d.reconnect(), d.maxFrameBytes(), true, 1, d.sourceAddresses(),
                d.receiveBudgetBytes(), d.protocol(), USERS))
                .hasMessageContaining("header Authorization uses {secret}, which is neither");
    }
}
