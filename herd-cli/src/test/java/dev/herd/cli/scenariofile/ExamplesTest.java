package dev.herd.cli.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in examples/ is a valid scenario that builds (the docs tell users to run them): against the reference
 * target's default port, or a broker's for a protocol example.
 */
class ExamplesTest {

    static List<Path> examples() throws IOException {
        Path dir = Path.of("..", "examples");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0} reads and builds")
    @MethodSource("examples")
    void everyExampleReadsAndBuildsAgainstItsDefaultPort(Path file) {
        ScenarioFile settings = new ScenarioFileReader(Map.of(), Map.of()).read(file);
        Scenario scenario = (settings).build();
        if (scenario.client().protocol().subscribes()) {
            // A broker's example (docs/protocols.md): its own port, one URL for every topic.
            assertThat(scenario.url().template()).matches("wss?://127\\.0\\.0\\.1:\\d+(/.*)?");
        } else {
            assertThat(scenario.url().template()).matches("(ws|http)://127\\.0\\.0\\.1:8080/.*\\{topic}.*");
        }
        assertThat(dev.herd.api.Herd.SCENARIOS).contains(scenario.name());
        assertThat(scenario.stages()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} takes the port from -e PORT")
    @MethodSource("examples")
    void thePortComesFromAVariable(Path file) {
        ScenarioFile settings = new ScenarioFileReader(Map.of("PORT", "18080"), Map.of()).read(file);
        assertThat((settings).build().url().port()).isEqualTo(18080);
    }
}
