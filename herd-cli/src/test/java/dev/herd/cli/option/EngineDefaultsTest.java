package dev.herd.cli.option;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.api.ConnectStormBuilder;
import dev.herd.api.ScenarioBuilder;
import dev.herd.api.SteadyBuilder;
import dev.herd.broker.TargetConfig;
import dev.herd.cli.Herd;
import dev.herd.cli.testing.CliRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every default is declared once: the scenario commands' and {@code herd target}'s options state none themselves, they
 * come from the engine's builders and the reference target's config, and {@code --help} shows those.
 */
class EngineDefaultsTest {

    /** Options of the command line alone (how herd runs, not what it runs), whose defaults are theirs to state. */
    private static final Set<String> FRONT_END_OPTIONS = Set.of("--role", "--workers", "--output", "--prometheus-bind");
    private static final List<String> COMMANDS = List.of("broadcast", "steady", "connect-storm", "reconnect-storm",
            "slow-subscriber", "capacity", "target");

    @Test
    void noScenarioOrTargetOptionStatesItsOwnDefault() {
        CommandLine root = Herd.commandLine();
        List<String> stated = new ArrayList<>();
        for (String command : COMMANDS) {
            for (OptionSpec option : root.getSubcommands().get(command).getCommandSpec().options()) {
                // picocli gives an annotation's defaultValue here; the provider's comes only at parse time.
                if (option.defaultValue() != null && !FRONT_END_OPTIONS.contains(option.longestName())) {
                    stated.add(command + " " + option.longestName() + "=" + option.defaultValue());
                }
            }
        }
        assertThat(stated).as("defaults stated outside the engine and the target's config").isEmpty();
    }

    @Test
    void helpShowsTheEnginesDefaults() {
        String broadcast = help("broadcast");
        assertThat(broadcast).contains("default: " + EngineDefaults.duration(ScenarioBuilder.DEFAULT_CONNECT_WITHIN)
                + ")").contains("default: " + EngineDefaults.bytes(ScenarioBuilder.DEFAULT_MAX_MESSAGE_BYTES) + ")")
                .contains("default: " + EngineDefaults.duration(ScenarioBuilder.DEFAULT_CONNECT_TIMEOUT) + ")");
        assertThat(broadcast).contains("(default: " + ScenarioBuilder.DEFAULT_TLS_PROVIDER.name().toLowerCase() + ")")
                .contains("(default: " + String.join(",", ScenarioBuilder.DEFAULT_TLS_VERSIONS) + ")")
                .contains("(default: " + String.join(",", ScenarioBuilder.DEFAULT_TLS_ALPN) + ",")
                .contains("--no-tls-resume");
        assertThat(help("steady"))
                .contains("default: " + EngineDefaults.duration(SteadyBuilder.DEFAULT_DURATION) + ")");
        assertThat(help("connect-storm"))
                .contains("default: " + ConnectStormBuilder.DEFAULT_CLIENTS + ")")
                .contains("default: " + EngineDefaults.duration(ConnectStormBuilder.DEFAULT_WITHIN) + ")");
    }

    @Test
    void helpOfTheTargetShowsTheReferenceTargetsOwnDefaults() {
        String help = help("target");
        assertThat(help).contains("default: " + TargetConfig.DEFAULT_PORT + ")")
                .contains("default: " + TargetConfig.DEFAULT_BIND + ")")
                .contains("default: " + EngineDefaults.bytes(TargetConfig.DEFAULT_MAX_QUEUE_BYTES) + ")")
                .contains("default: " + EngineDefaults.duration(TargetConfig.DEFAULT_SSE_HEARTBEAT) + ")")
                .contains("(default: " + TargetConfig.DEFAULT_TLS_CLIENT_AUTH.key() + ")")
                .contains("(default: " + TargetConfig.DEFAULT_TLS_PROVIDER.key() + ")")
                .contains("(default: " + String.join(",", TargetConfig.DEFAULT_TLS_VERSIONS) + ")");
    }

    @Test
    void everyDefaultTheProviderGivesReadsBackThroughTheOptionsConverter() {
        // A default that did not parse would make every run of the command fail: run each command's help parse.
        for (String command : COMMANDS) {
            CommandLine cli = Herd.commandLine();
            CommandLine.ParseResult parsed = cli.parseArgs(command.equals("target")
                    ? new String[] {command} : new String[] {command, "--url", "ws://127.0.0.1:9/ws/{topic}"});
            assertThat(parsed.subcommand()).isNotNull();
        }
    }

    /** A command's help with its line wrapping undone, so a default split over two lines reads whole. */
    private static String help(String command) {
        return CliRun.of(command, "--help").out().replaceAll("\\s+", " ");
    }
}
