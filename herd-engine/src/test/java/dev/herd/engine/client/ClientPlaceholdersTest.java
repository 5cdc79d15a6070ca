package dev.herd.engine.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.feeder.Feeder;
import dev.herd.engine.feeder.FeederReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ClientPlaceholdersTest {

    /** What a placeholder was before the scanner: the reference the exhaustive test compares against. */
    private static final Pattern REGULAR_EXPRESSION = Pattern.compile("\\{([A-Za-z0-9_]+)}");
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
    void everyTemplateOfFiveSymbolsUpToSevenLongReadsAsTheRegularExpressionTheScannerReplacedDid() {
        // Every string over { } a b - of length 0 to 7: nested, unclosed, empty and unknown placeholders alike.
        Function<String, String> lookup = name -> switch (name) {
            case "a" -> "$1";
            case "b" -> "\\";
            case "ab" -> "{a}";
            default -> null;
        };
        char[] symbols = {'{', '}', 'a', 'b', '-'};
        int checked = 0;
        for (int length = 0; length <= 7; length++) {
            for (long n = 0, count = (long) Math.pow(symbols.length, length); n < count; n++) {
                long rest = n;
                StringBuilder template = new StringBuilder();
                for (int i = 0; i < length; i++) {
                    template.append(symbols[(int) (rest % symbols.length)]);
                    rest /= symbols.length;
                }
                String t = template.toString();
                assertThat(ClientPlaceholders.expand(t, lookup)).as(t).isEqualTo(byRegularExpression(t, lookup));
                assertThat(ClientPlaceholders.names(t)).as(t).isEqualTo(namesByRegularExpression(t));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(97_656);
    }

    /** The names as {@code checkUrl} and {@code namesOnly} found them before: each match of the same expression. */
    private static List<String> namesByRegularExpression(String template) {
        Matcher m = REGULAR_EXPRESSION.matcher(template);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The expansion as it was written before: one regular expression, each match replaced when its name is known. */
    private static String byRegularExpression(String template, Function<String, String> lookup) {
        Matcher m = REGULAR_EXPRESSION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = lookup.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        return m.appendTail(out).toString();
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
