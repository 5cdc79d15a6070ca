package dev.herd.cli;

import dev.herd.cli.command.BroadcastCommand;
import dev.herd.cli.command.CapacityCommand;
import dev.herd.cli.command.CompareCommand;
import dev.herd.cli.command.ConnectStormCommand;
import dev.herd.cli.command.MergeCommand;
import dev.herd.cli.command.DemoCommand;
import dev.herd.cli.command.ReconnectStormCommand;
import dev.herd.cli.command.ReportCommand;
import dev.herd.cli.command.RunCommand;
import dev.herd.cli.command.SlowSubscriberCommand;
import dev.herd.cli.command.SteadyCommand;
import dev.herd.cli.command.TargetCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code herd} command: load tests for WebSocket and Server-Sent Events.
 *
 * <pre>
 * herd demo                      run the built-in scenarios against the in-process reference target
 * herd broadcast --url ws://...  one of the built-in scenarios against your server
 * herd target --port 8080        run the reference target on its own
 * </pre>
 */
@Command(
        name = "herd",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Load tester for long-lived connections: WebSocket and Server-Sent Events.",
        subcommands = {DemoCommand.class, RunCommand.class, SteadyCommand.class, ConnectStormCommand.class,
                BroadcastCommand.class, SlowSubscriberCommand.class, CapacityCommand.class,
                ReconnectStormCommand.class, TargetCommand.class, ReportCommand.class, CompareCommand.class,
                MergeCommand.class},
        footer = {"", "Exit codes: 0 passed, 1 a threshold failed, 2 bad usage, 3 the run could not be carried out."})
public final class Herd implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with herd's error handling: one line per usage error, exit 2. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Herd());
        cli.setParameterExceptionHandler(Herd::handleParameterException);
        cli.setExecutionExceptionHandler(Herd::handleExecutionException);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("herd: " + e.getMessage()
                + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCode.USAGE.code();
    }

    private static int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof UsageException) {
            err.println("herd: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE.code();
        }
        if (e instanceof RunFailedException) {
            err.println("herd: " + e.getMessage());
            err.flush();
            return ExitCode.NOT_RUN.code();
        }
        err.println("herd: internal error: " + e);
        e.printStackTrace(err);
        err.flush();
        return ExitCode.NOT_RUN.code();
    }
}
