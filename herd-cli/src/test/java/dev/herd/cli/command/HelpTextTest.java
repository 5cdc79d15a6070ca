package dev.herd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.cli.Herd;
import dev.herd.cli.testing.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every command's --help prints cleanly: a stray % in a description makes picocli warn on stderr instead. */
class HelpTextTest {

    @Test
    void everyCommandsHelpPrintsWithoutAWarning() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (String command : Herd.commandLine().getSubcommands().keySet()) {
                CliRun run = CliRun.of(command, "--help");
                assertThat(run.exitCode()).as(command).isZero();
                assertThat(run.out()).as(command).contains("Usage: herd " + command).doesNotContain("%n");
            }
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }
}
