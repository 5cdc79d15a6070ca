package dev.herd.cli.command;

import dev.herd.cli.UsageException;
import dev.herd.cli.run.ScenarioExecution;
import dev.herd.cli.scenario.BuiltInScenarios;
import dev.herd.cli.scenario.ScenarioSettings;
import dev.herd.cli.scenariofile.ScenarioFileException;
import dev.herd.cli.scenariofile.ScenarioFileReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (overrides output.dir).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No per-second status lines; only the summary.")
    boolean quiet;

    @Option(names = "--threshold", paramLabel = "EXPRESSION", converter = dev.herd.cli.convert.ThresholdConverter.class,
            description = "A threshold in addition to the file's thresholds (repeatable).")
    java.util.List<dev.herd.engine.threshold.ThresholdExpression> extraThresholds = new java.util.ArrayList<>();

    private java.util.List<dev.herd.engine.threshold.ThresholdExpression> thresholds(ScenarioSettings settings) {
        java.util.List<dev.herd.engine.threshold.ThresholdExpression> all = new java.util.ArrayList<>(settings.thresholds);
        all.addAll(extraThresholds);
        return all;
    }

    @Override
    public Integer call() {
        ScenarioSettings settings;
        try {
            settings = new ScenarioFileReader(variables).read(file);
        } catch (ScenarioFileException e) {
            throw new UsageException(e.getMessage());
        }
        dev.herd.engine.scenario.Scenario scenario;
        try {
            scenario = BuiltInScenarios.build(settings);
        } catch (UsageException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
        Path dir = out != null ? out : settings.out;
        return new ScenarioExecution(spec.commandLine().getOut(), quiet || settings.quiet).execute(scenario, dir, thresholds(settings))
                .exitCode();
    }
}
