package dev.herd.cli.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.api.ScenarioBuilder;
import dev.herd.cli.Herd;
import dev.herd.engine.transport.Transport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code clients.transport} in a scenario file and {@code --transport} on the command line reach the scenario. */
class TransportFileTest {

    private final ScenarioFileReader reader = new ScenarioFileReader(Map.of(), Map.of());

    private Transport transportOf(String clients) {
        return reader.parse("t.yaml", """
                scenario: connect-storm
                target: {url: "ws://127.0.0.1:8080/ws/{topic}"}
                """ + clients).build().transport();
    }

    @Test
    void theClientsSectionChoosesTheTransport() {
        assertThat(transportOf("clients: {transport: io_uring}\n")).isEqualTo(Transport.IO_URING);
        assertThat(transportOf("clients: {transport: nio}\n")).isEqualTo(Transport.NIO);
        assertThat(transportOf("clients: {subscribers: 3}\n")).isEqualTo(ScenarioBuilder.DEFAULT_TRANSPORT);
    }

    @Test
    void anUnknownTransportIsNamedWithItsLine() {
        assertThatThrownBy(() -> transportOf("clients:\n  transport: kqueue\n"))
                .isInstanceOf(ScenarioFileException.class)
                .hasMessageStartingWith("t.yaml:4: clients.transport:");
    }

    @Test
    void theFlagReadsAsItIsWrittenAndDefaultsToTheEngines() {
        CommandLine.ParseResult parsed = Herd.commandLine().parseArgs("connect-storm", "--url",
                "ws://127.0.0.1:9/ws/{topic}", "--transport", "io_uring");
        assertThat(parsed.subcommand().matchedOptionValue("--transport", (Transport) null))
                .isEqualTo(Transport.IO_URING);
        CommandLine.ParseResult plain = Herd.commandLine().parseArgs("connect-storm", "--url",
                "ws://127.0.0.1:9/ws/{topic}");
        assertThat(plain.subcommand().commandSpec().findOption("--transport").getValue().toString())
                .isEqualTo(ScenarioBuilder.DEFAULT_TRANSPORT.key());
    }
}
