package dev.herd.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the reference target lands. */
@Command(name = "target", mixinStandardHelpOptions = true, description = "Run the reference target.")
public final class TargetCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 3;
    }
}
