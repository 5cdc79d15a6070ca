package dev.herd.cli.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code clients.source_addresses} in a scenario file: {@code auto} (as docs/scenarios.md's complete example writes it)
 * is the engine's default, {@code none} the system's choice, a range every address of it. {@code auto} once ended the
 * reader with a NullPointerException (found by ScenarioFileReaderFuzzTest).
 */
class SourceAddressesFileTest {

    private final ScenarioFileReader reader = new ScenarioFileReader(Map.of(), Map.of());

    private List<InetAddress> sourcesOf(String clients) {
        return reader.parse("s.yaml", """
                scenario: connect-storm
                target: {url: "ws://127.0.0.1:8080/ws/{topic}"}
                """ + clients).build().client().sourceAddresses();
    }

    @Test
    void autoIsTheDefault() {
        assertThat(sourcesOf("clients: {source_addresses: auto}\n")).isEqualTo(sourcesOf("clients: {subscribers: 3}\n"));
    }

    @Test
    void noneAndARangeReadAsWritten() throws Exception {
        assertThat(sourcesOf("clients: {source_addresses: none}\n")).isEmpty();
        assertThat(sourcesOf("clients: {source_addresses: 127.0.0.2-127.0.0.4}\n")).containsExactly(
                InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"),
                InetAddress.getByName("127.0.0.4"));
    }
}
