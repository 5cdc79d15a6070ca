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
import dev.herd.cli.run.StartBarrier;
import dev.herd.cli.run.WorkerArguments;
import dev.herd.cli.secret.ArgumentSecrets;
import dev.herd.cli.secret.ConsoleRedaction;
import dev.herd.cli.secret.RedactingOutputStream;
import dev.herd.cli.secret.RedactingPrintWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
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
        footer = {"", "Exit codes: 0 passed, 1 a threshold failed, 2 bad usage, 3 the run could not be carried out."})
public final class Herd implements Runnable {

    /**
     * herd's commands, in the order its help lists them. Added to the command line by hand rather than through the
     * annotation, so that a run builds the model of its own command only: picocli reads every option of every
     * command it is given, in interpreted code at start-up (all twelve cost a run 0.2-0.35 CPU-s more than one).
     */
    private static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, RunCommand.class, SteadyCommand.class,
            ConnectStormCommand.class, BroadcastCommand.class, SlowSubscriberCommand.class, CapacityCommand.class,
            ReconnectStormCommand.class, TargetCommand.class, ReportCommand.class, CompareCommand.class,
            MergeCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Builds the command line with every command, herd's error handling (one line per usage error, exit 2) and its
     * redaction: the secrets a command line carries are masked in everything it prints ({@link ConsoleRedaction}).
     */
    public static CommandLine commandLine() {
        return commandLine(COMMANDS);
    }

    /**
     * The command line for these arguments: when the first names one of herd's commands, only that command is
     * built (its help and its errors read the same as with all of them); otherwise every command, for herd's own
     * help and for the error that names an unknown command.
     */
    static CommandLine commandLineFor(String[] args) {
        if (args.length > 0) {
            for (Class<?> command : COMMANDS) {
                if (command.getAnnotation(Command.class).name().equals(args[0])) {
                    return commandLine(List.of(command));
                }
            }
        }
        return commandLine();
    }

    private static CommandLine commandLine(List<Class<?>> commands) {
        CommandLine cli = new CommandLine(new Herd());
        for (Class<?> command : commands) {
            cli.addSubcommand(command);
        }
        cli.setParameterExceptionHandler(Herd::handleParameterException);
        cli.setExecutionExceptionHandler(Herd::handleExecutionException);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Every default comes from the engine's builders and the reference target's config, declared once there.
        cli.setDefaultValueProvider(new dev.herd.cli.option.EngineDefaults());
        cli.setExecutionStrategy(Herd::executeRedacted);
        return cli;
    }

    public static void main(String[] args) {
        // Log lines go to System.err, not through picocli's writers: they are masked there.
        System.setOut(new PrintStream(new RedactingOutputStream(System.out, Charset.defaultCharset()), true));
        System.setErr(new PrintStream(new RedactingOutputStream(System.err, Charset.defaultCharset()), true));
        String[] given = args;
        if (WorkerArguments.onStdin(args)) {
            given = WorkerArguments.read(System.in);
            StartBarrier.listen(System.in);
        }
        System.exit(commandLineFor(given).execute(given));
    }

    private static int executeRedacted(CommandLine.ParseResult parsed) {
        // One command's secrets: a JVM that runs several (tests) does not carry them from one to the next.
        ConsoleRedaction.clear();
        ConsoleRedaction.add(ArgumentSecrets.of(parsed));
        CommandLine root = parsed.commandSpec().commandLine();
        if (!(root.getOut() instanceof RedactingPrintWriter)) {
            root.setOut(new RedactingPrintWriter(root.getOut()));
        }
        if (!(root.getErr() instanceof RedactingPrintWriter)) {
            root.setErr(new RedactingPrintWriter(root.getErr()));
        }
        try {
            return new CommandLine.RunLast().execute(parsed);
        } finally {
            root.getOut().flush();
            root.getErr().flush();
        }
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        ConsoleRedaction.clear();
        ConsoleRedaction.add(ArgumentSecrets.of(args));
        PrintWriter err = e.getCommandLine().getErr();
        err.println(ConsoleRedaction.apply("herd: " + e.getMessage()
                + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')"));
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
        if (e instanceof RunFailedException || e instanceof dev.herd.engine.run.RunNotCarriedOutException) {
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
