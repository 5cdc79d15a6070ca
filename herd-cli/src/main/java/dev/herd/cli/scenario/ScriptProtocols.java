package dev.herd.cli.scenario;

import dev.herd.cli.UsageException;
import dev.herd.cli.scenariofile.ScenarioFileException;
import dev.herd.cli.scenariofile.ScriptFileReader;
import dev.herd.engine.protocol.WireProtocol;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a script protocol's YAML file (docs/protocols.md, "Script protocols") into the engine's script protocol, for
 * {@code --protocol FILE}: a mistake in the file is a usage error of one line naming its line and field, an option
 * the script does not declare one naming the option.
 */
public final class ScriptProtocols {

    private ScriptProtocols() {
    }

    public static WireProtocol read(Path file, Map<String, String> options) {
        try {
            return ScriptFileReader.read(file, options);
        } catch (ScenarioFileException e) {
            throw new UsageException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException("protocol (--protocol-option): " + e.getMessage());
        }
    }
}
