package dev.herd.cli.command;

import dev.herd.api.ScenarioBuilder;
import dev.herd.cli.scenariofile.ScenarioFile;
import dev.herd.cli.secret.ConsoleRedaction;
import dev.herd.cli.UsageException;
import dev.herd.cli.option.OutputOptions;
import dev.herd.cli.option.ProcessSplitOptions;
import dev.herd.cli.run.ScenarioExecution;
import dev.herd.cli.run.WorkerCoordinator;
import dev.herd.cli.scenariofile.ScenarioFileException;
import dev.herd.cli.scenariofile.ScenarioFileReader;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.threshold.ThresholdExpression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code herd run FILE.yaml}: runs a scenario file (format in docs/scenarios.md). */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a scenario file.", "Example: herd run examples/broadcast.yaml -e PORT=8080"})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file (YAML).")
    Path file;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE",
            description = "Value for ${NAME} in the file (repeatable); the environment is used otherwise.")
    Map<String, String> variables = new LinkedHashMap<>();

    @Mixin
    ProcessSplitOptions split;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ScenarioFile scenarioFile;
        try {
            scenarioFile = new ScenarioFileReader(variables).read(file);
            split.applyTo(scenarioFile.builder());
        } catch (ScenarioFileException e) {
            throw new UsageException(e.getMessage());
        }
        ScenarioBuilder<?> builder = scenarioFile.builder();
        if (split.workers > 1) {
            try {
                return WorkerCoordinator.run(spec, output, builder, split.workers, scenarioFile.out(),
                        scenarioFile.quiet());
            } catch (UsageException e) {
                throw new UsageException(file + ": " + e.getMessage());
            }
        }
        Scenario scenario;
        try {
            scenario = scenarioFile.build();
        } catch (ScenarioFileException e) {
            throw new UsageException(e.getMessage());
        }
        ConsoleRedaction.add(scenario.redactor());
        // The file's thresholds first, then any given on the command line; --out wins over output.dir.
        List<ThresholdExpression> thresholds = new ArrayList<>(builder.thresholds());
        thresholds.addAll(output.thresholds());
        Path dir = dev.herd.cli.run.ResultsDirectory.forSlice(output.out != null ? output.out : scenarioFile.out(),
                builder.slice());
        return new ScenarioExecution(spec.commandLine().getOut(), output.quiet || scenarioFile.quiet())
                .configure(output, spec.commandLine().getErr())
                .execute(scenario, dir, thresholds, builder.role(), builder.runId()).exitCode();
    }
}
