package dev.herd.cli.scenariofile;

import dev.herd.api.InvalidOptionException;
import dev.herd.api.ScenarioBuilder;
import dev.herd.engine.scenario.Scenario;
import java.nio.file.Path;

/**
 * A scenario file as read: the engine's builder of its scenario, filled from the file, and the file's own output
 * settings. Building it names the line of an option the builder refuses.
 *
 * <pre>{@code
 * ScenarioFile f = new ScenarioFileReader(variables).read(Path.of("broadcast.yaml"));
 * Scenario scenario = f.build();   // a ScenarioFileException "file:line: key: problem" when an option cannot run
 * }</pre>
 *
 * @param name the file's name, as errors give it
 * @param root the file's YAML tree
 * @param builder the scenario's builder with every key of the file set
 * @param out {@code output.dir}, or null
 * @param quiet {@code output.quiet}
 */
public record ScenarioFile(String name, YamlNode root, ScenarioBuilder<?> builder, Path out, boolean quiet) {

    /** The engine's scenario; an option the builder refuses is an error at the line of its key. */
    public Scenario build() {
        try {
            return builder.build();
        } catch (InvalidOptionException e) {
            throw new ScenarioFileException(name, lineOf(e.key()), (e.key() == null ? "" : e.key() + ": ")
                    + e.getMessage());
        }
    }

    /** The line of {@code key} (a dotted path of mapping keys), or of the nearest key above it the file gives. */
    int lineOf(String key) {
        if (key == null) {
            return 1;
        }
        YamlNode node = root;
        int line = 1;
        for (String part : key.split("\\.")) {
            if (!(node instanceof YamlNode.Mapping m) || !m.entries().containsKey(part)) {
                break;
            }
            line = m.entries().get(part).keyLine();
            node = m.entries().get(part).value();
        }
        return line;
    }
}
