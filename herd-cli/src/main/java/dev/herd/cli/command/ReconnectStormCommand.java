package dev.herd.cli.command;

import dev.herd.cli.UsageException;

import dev.herd.api.Slice;

import dev.herd.api.Disrupt;

import dev.herd.api.Herd;

import dev.herd.api.ReconnectStormBuilder;

import dev.herd.cli.convert.DurationConverter;
import dev.herd.cli.option.LoadOptions;
import dev.herd.cli.option.MessageOptions;
import dev.herd.cli.option.OutputOptions;
import dev.herd.cli.option.TargetOptions;
import dev.herd.cli.run.PolicyComparison;
import dev.herd.cli.run.ScenarioExecution;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herd reconnect-storm}: N clients connected, messages flowing, then every connection is disrupted at once
 * (a restart of herd's reference target, a command that restarts yours, or a reset from herd's side). Reports how
 * fast the clients were back, the thundering herd of reconnect attempts, and what they missed meanwhile.
 */
@Command(name = "reconnect-storm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Drop every connection at once while messages flow; how fast and how well do clients come back?",
                "Example: herd reconnect-storm --url ws://127.0.0.1:8080/ws/{topic} --clients 5000 --down 2s "
                        + "--compare-policies"})
public final class ReconnectStormCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--clients", paramLabel = "N", description = "Subscriber clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rate", paramLabel = "MSG/S", description = "Messages published per second before, during and after the storm, all topics together "
                    + "(default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--disrupt", paramLabel = "target-restart|client-drop",
            description = "What happens at t0: restart herd's reference target (POST /admin/restart), or reset every "
                    + "connection from herd's side (default: target-restart, or the command of --disrupt-cmd).")
    String disrupt;

    @Option(names = "--down", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a restarted reference target refuses connections (default: ${DEFAULT-VALUE}).")
    Duration down;

    @Option(names = "--disrupt-cmd", paramLabel = "COMMAND",
            description = "A command run once with /bin/sh -c at t0 instead (e.g. 'docker restart chat'); its exit "
                    + "status is recorded; killed after 60s.")
    String command;

    @Option(names = "--settle", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Messages flow this long before the disruption (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--observe", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Wait at most this long for every lost client to be back (default: ${DEFAULT-VALUE}).")
    Duration observe;

    @Option(names = "--compare-policies",
            description = "Run the storm twice, with immediate and with exponential reconnects (same seed and "
                    + "clients), and compare them side by side.")
    boolean comparePolicies;

    @Mixin
    LoadOptions load;

    @Mixin
    MessageOptions message;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ReconnectStormBuilder b = Herd.reconnectStorm();
        target.applyTo(b);
        load.applyTo(b);
        message.applyTo(b);
        b.clients(clients).rate(rate).down(down).settle(settle).observe(observe);
        if (disrupt != null) {
            Disrupt kind = Disrupt.byKey().get(disrupt);
            if (kind == null) {
                throw new UsageException("--disrupt: '" + disrupt + "' is not one of "
                        + String.join(", ", Disrupt.byKey().keySet()));
            }
            b.disrupt(kind);
        }
        if (command != null) {
            b.disruptCommand(command);
        }
        if (comparePolicies) {
            if (load.split.workers > 1) {
                throw new UsageException("--workers splits " + String.join(", ", Slice.SCENARIOS)
                        + "; reconnect-storm acts on the target as a whole and runs in one process");
            }
            return new PolicyComparison(spec.commandLine().getOut(), output.quiet).execute(b, output.out).exitCode();
        }
        return ScenarioExecution.run(spec, output, b, load.split.workers);
    }
}
