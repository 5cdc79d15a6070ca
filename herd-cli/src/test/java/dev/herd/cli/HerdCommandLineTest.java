package dev.herd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A run builds only the command it names; what that command prints (its help with every default, its errors, its
 * exit codes) must not differ from the same command in herd's full command line.
 */
class HerdCommandLineTest {

    @Test
    void aNamedCommandIsBuiltAlone() {
        for (String command : Herd.commandLine().getSubcommands().keySet()) {
            CommandLine alone = Herd.commandLineFor(new String[] {command, "--help"});
            assertThat(alone.getSubcommands().keySet()).as(command).containsExactly(command);
        }
    }

    @Test
    void everyCommandsHelpReadsTheSameBuiltAlone() {
        for (String command : Herd.commandLine().getSubcommands().keySet()) {
            String[] args = {command, "--help"};
            Printed all = execute(Herd.commandLine(), args);
            Printed alone = execute(Herd.commandLineFor(args), args);
            assertThat(alone).as(command).isEqualTo(all);
            assertThat(alone.out()).as(command).contains("Usage: herd " + command);
        }
        // The defaults come from the root's provider: a command built alone must still be given it.
        String[] broadcast = {"broadcast", "--help"};
        assertThat(execute(Herd.commandLineFor(broadcast), broadcast).out()).contains("(default: ");
    }

    @Test
    void everyCommandsUsageErrorReadsTheSameBuiltAlone() {
        for (String command : Herd.commandLine().getSubcommands().keySet()) {
            String[] args = {command, "--no-such-option", "--password=hunter2"};
            Printed all = execute(Herd.commandLine(), args);
            Printed alone = execute(Herd.commandLineFor(args), args);
            assertThat(alone).as(command).isEqualTo(all);
            assertThat(alone.exitCode()).as(command).isEqualTo(ExitCode.USAGE.code());
        }
    }

    @Test
    void withoutACommandNameEveryCommandIsBuilt() {
        int all = Herd.commandLine().getSubcommands().size();
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"brodcast"})) {
            assertThat(Herd.commandLineFor(args).getSubcommands()).as(String.join(" ", args)).hasSize(all);
        }
        String[] mistyped = {"brodcast", "--url", "ws://127.0.0.1:1/"};
        Printed printed = execute(Herd.commandLineFor(mistyped), mistyped);
        assertThat(printed.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(printed.err()).startsWith("herd: ").contains("'brodcast'");
    }

    private static Printed execute(CommandLine cli, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Printed(code, out.toString(), err.toString());
    }

    private record Printed(int exitCode, String out, String err) {
    }
}
