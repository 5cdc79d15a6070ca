package dev.herd.cli.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes {@link ScenarioFileReader#parse} with any text, and with YAML built from the format's own keys and values
 * (docs/scenarios.md): a file either gives settings or is a {@link ScenarioFileException} of one line naming the file
 * and a line, which herd prints as it is. Any other exception, a stack trace or a message over several lines is a bug.
 *
 * <p>Input layout: the last byte's lowest bit picks the mode. Clear (a seed that is a scenario file ending in a line
 * feed): the rest is the file's text as UTF-8. Set: the input chooses sections, keys and values.
 */
@Tag("fuzz")
class ScenarioFileReaderFuzzTest {

    private static final String FILE = "fuzz.yaml";

    /** The top-level keys the reader knows, in the order of docs/scenarios.md. */
    private static final String[] TOP_KEYS = {
        "scenario", "target", "clients", "publish", "duration", "drain", "hold", "steady", "sweep", "capacity",
        "reconnect_storm", "slow_subscribers", "stages", "thresholds", "output",
    };

    /** The keys of each section. */
    private static final Map<String, String[]> SECTION_KEYS = Map.ofEntries(
        Map.entry("target", new String[] {"url", "publish_url", "headers", "subprotocols", "redact", "show_headers",
            "permessage_deflate", "insecure", "trust_cert", "trust_store_password", "connect_timeout"}),
        Map.entry("clients", new String[] {"subscribers", "topics", "topic_prefix", "connect_within", "arrival",
            "max_handshakes", "reconnect", "max_message_bytes", "receive_budget", "loops", "seed",
            "source_addresses"}),
        Map.entry("publish", new String[] {"rate", "size", "template", "binary", "content_type", "connections",
            "in_flight"}),
        Map.entry("steady", new String[] {"window"}),
        Map.entry("sweep", new String[] {"subscribers"}),
        Map.entry("capacity", new String[] {"ramp", "step", "step_every", "rate", "settle", "max_handshake_p99",
            "max_error_rate", "limit"}),
        Map.entry("reconnect_storm", new String[] {"disrupt", "down", "command", "settle", "observe"}),
        Map.entry("slow_subscribers", new String[] {"fraction", "count", "stall_after", "stall_for", "read_rate",
            "after", "receive_buffer"}),
        Map.entry("output", new String[] {"dir", "quiet"}));

    /** Values of every type the keys take, good and bad, and YAML's own syntax. */
    private static final String[] VALUES = {
        "", "~", "null", "0", "1", "-1", "7", "500", "1_000", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "0.5", "10%", "150%", "-0.0", "NaN", "Infinity", "1e309",
        "0x10", "10s", "1m", "250ms", "0s", "-5s", "1.5h", "99999999999999999999h", "9223372036854775807d", "P1D",
        "64KiB", "1 GiB", "9999999999 TiB", "-1MiB", "12 parsecs", "1MiB/s", "0B/s", "true", "no", "On", "maybe",
        "ws://127.0.0.1:8080/ws/{topic}", "http://127.0.0.1:8080/sse/{topic}", "https://localhost/x",
        "wss://[::1]:0/{topic}", "ws://127.0.0.1:99999/", "ws://h:-1/", "ftp://x", "ws://", "ws://[::1", "{topic}",
        "steady", "broadcast", "capacity", "reconnect-storm", "slow-subscriber", "connect-storm", "even", "poisson",
        "none", "immediate", "exponential", "steps", "continuous", "target-restart", "client-drop", "command",
        "127.0.0.2-127.0.0.5", "127.0.0.9-127.0.0.2", "256.0.0.1", "auto", "latency.p99 < 50ms",
        "error_rate > 0.1", "latncy.p95 < 5ms", "latency.p99 <", "{{stamp}}", "{{stamp}}{{padding}}",
        "'{\"t\":\"{{stamp}}\"}'", "${PORT}", "${PORT:-8080}", "$${X}", "${", "[1, 2, 3]", "[10, 5]", "[]",
        "{}", "{a: 1}", "{within: 2s, arrival: poisson}",
        "{policy: exponential, base: 100ms, cap: 5s, max_attempts: 3}", "{expression: latency.p99 < 50ms, abort_on_fail: true}", "[{connect: 1s}, {hold: 2s}, {publish: {rate: 10}}]",
        "'quoted'", "\"a\\nb\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"line\\rbreak\"", "|", ">-", "&anchor x",
        "*anchor", "!!binary aGVsbG8=", "!!int 3", "!!str", "!foo bar", "? x", "- - -", "[", "{", "\"", "'",
        "#", "%YAML 1.2", "---", "...", "\t", "é", "日本", "\u2028", "/dev/null", "results/x", "no-such.pem",
    };

    // Jazzer writes these into a libFuzzer dictionary as they are, so none may hold a line break.
    @DictionaryEntries({
        "scenario: ", "target:", "  url: ", "clients:", "publish:", "thresholds:", "stages:", "  - ",
        "ws://127.0.0.1:8080/ws/{topic}", "{{stamp}}", "${PORT:-8080}", "subscribers: ", "duration: ", "10s",
        "64KiB", "latency.p99 < 50ms",
    })
    @FuzzTest(maxDuration = "10s")
    void readsSettingsOrSaysWhatIsWrongInOneLine(FuzzedDataProvider data) {
        String text = data.consumeBoolean() ? structured(data)
                : new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        ScenarioFile settings;
        try {
            settings = new ScenarioFileReader(Map.of(), Map.of()).parse(FILE, text);
        } catch (ScenarioFileException e) {
            String message = e.getMessage();
            assertThat(message).as("the message of %s", e).startsWith(FILE + ":" + e.line() + ": ");
            assertThat(message.chars().filter(ScenarioFileReaderFuzzTest::breaksLines))
                    .as("one line: %s", message).isEmpty();
            assertThat(e.line()).as("line of: %s", message).isPositive();
            assertThat(e.file()).isEqualTo(FILE);
            return;
        }
        assertThat(settings).isNotNull();
        assertThat(settings.builder().url()).as("target.url is required").isNotNull();
    }

    /** Line ends, and the other characters that move a console to another line or could. */
    private static boolean breaksLines(int c) {
        return c != '\t' && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
    }

    /**
     * A file of top-level keys (a known one mostly), each with a value or a section of its own keys and values, with
     * now and then a stray indent, list dash or CRLF line end.
     */
    private static String structured(FuzzedDataProvider data) {
        StringBuilder text = new StringBuilder();
        int entries = data.consumeInt(1, 12);
        for (int n = 0; n < entries && data.remainingBytes() > 0; n++) {
            String key = data.consumeInt(0, 15) == 0 ? data.consumeString(12) : data.pickValue(TOP_KEYS);
            String[] sectionKeys = SECTION_KEYS.get(key);
            if (sectionKeys == null || data.consumeInt(0, 7) == 0) {
                line(text, data, "", key + ": " + value(data));
                continue;
            }
            line(text, data, "", key + ":");
            int keys = data.consumeInt(0, 6);
            for (int k = 0; k < keys; k++) {
                String sectionKey = data.consumeInt(0, 15) == 0 ? data.consumeString(12) : data.pickValue(sectionKeys);
                line(text, data, "  ", sectionKey + ": " + value(data));
            }
        }
        return text.toString();
    }

    private static void line(StringBuilder text, FuzzedDataProvider data, String indent, String content) {
        switch (data.consumeInt(0, 15)) {
            case 0 -> text.append(" ".repeat(data.consumeInt(1, 5)));
            case 1 -> text.append("- ");
            default -> { }
        }
        text.append(indent).append(content).append(data.consumeInt(0, 15) == 0 ? "\r\n" : "\n");
    }

    private static String value(FuzzedDataProvider data) {
        return data.consumeInt(0, 4) == 0 ? data.consumeString(24) : data.pickValue(VALUES);
    }
}
