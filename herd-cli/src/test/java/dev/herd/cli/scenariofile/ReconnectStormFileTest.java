package dev.herd.cli.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.reconnectstorm.Disruption;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormStage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code reconnect_storm:} section of a scenario file, and the storm it builds. */
class ReconnectStormFileTest {

    private final ScenarioFileReader reader = new ScenarioFileReader(Map.of(), Map.of());

    private ReconnectStormStage stageOf(String yaml) {
        Scenario scenario = (reader.parse("storm.yaml", yaml).build());
        return (ReconnectStormStage) scenario.stages().get(0);
    }

    @Test
    void theSectionSetsTheDisruptionAndItsWindows() {
        ReconnectStormStage stage = stageOf("""
                scenario: reconnect-storm
                target: {url: "ws://127.0.0.1:8080/ws/{topic}"}
                publish: {rate: 25}
                reconnect_storm:
                  disrupt: target-restart
                  down: 1s
                  settle: 3s
                  observe: 20s
                """);

        assertThat(stage.disruption()).isEqualTo(new Disruption.TargetRestart(Duration.ofSeconds(1)));
        assertThat(stage.settle()).isEqualTo(Duration.ofSeconds(3));
        assertThat(stage.observe()).isEqualTo(Duration.ofSeconds(20));
        assertThat(stage.ratePerSecond()).isEqualTo(25.0);
    }

    @Test
    void aCommandAloneMeansACommandDisruptionAndClientsBackOffByDefault() {
        ScenarioFile s = reader.parse("storm.yaml", """
                scenario: reconnect-storm
                target: {url: "ws://127.0.0.1:8080/ws/{topic}"}
                reconnect_storm: {command: "docker restart chat"}
                """);
        Scenario scenario = (s).build();

        ReconnectStormStage stage = (ReconnectStormStage) scenario.stages().get(0);
        assertThat(stage.disruption()).isInstanceOf(Disruption.Command.class);
        assertThat(((Disruption.Command) stage.disruption()).command()).isEqualTo("docker restart chat");
        assertThat(scenario.client().reconnect().kind()).isEqualTo(ReconnectPolicy.Kind.EXPONENTIAL);
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        assertThatThrownBy(() -> reader.parse("storm.yaml", """
                scenario: reconnect-storm
                target: {url: "ws://127.0.0.1:8080/ws/{topic}"}
                reconnect_storm:
                  disrupt: client-drop
                  dwon: 1s
                """))
                .isInstanceOf(ScenarioFileException.class)
                .hasMessageStartingWith("storm.yaml:5: reconnect_storm.dwon: unknown key (did you mean 'down'?)");
    }

    @Test
    void aCommandDisruptionWithoutACommandIsNamed() {
        assertThatThrownBy(() -> reader.parse("storm.yaml", """
                scenario: reconnect-storm
                target: {url: "ws://127.0.0.1:8080/ws/{topic}"}
                reconnect_storm:
                  disrupt: command
                """))
                .isInstanceOf(ScenarioFileException.class)
                .hasMessageContaining("storm.yaml:4: reconnect_storm.command is required");
    }

    @Test
    void anUnknownDisruptionIsNamedWithTheChoices() {
        assertThatThrownBy(() -> reader.parse("storm.yaml", """
                scenario: reconnect-storm
                target: {url: "ws://127.0.0.1:8080/ws/{topic}"}
                reconnect_storm: {disrupt: reboot}
                """))
                .isInstanceOf(ScenarioFileException.class)
                .hasMessageContaining("storm.yaml:3: reconnect_storm.disrupt: 'reboot' is not one of target-restart, "
                        + "client-drop, command");
    }

    @Test
    void theExampleFileBuildsARestartStorm() {
        Path example = Path.of("..", "examples", "reconnect-storm.yaml");
        ReconnectStormStage stage = (ReconnectStormStage) (reader.read(example).build())
                .stages().get(0);

        assertThat(stage.disruption()).isEqualTo(new Disruption.TargetRestart(Duration.ofSeconds(2)));
    }
}
