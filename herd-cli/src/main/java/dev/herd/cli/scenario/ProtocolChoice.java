package dev.herd.cli.scenario;

import dev.herd.cli.UsageException;
import dev.herd.engine.protocol.RawProtocol;
import dev.herd.engine.protocol.WireProtocol;
import dev.herd.engine.protocol.WireProtocols;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns {@code --protocol NAME|FILE} and its {@code --protocol-option}s into the engine's {@link WireProtocol}: a
 * built-in protocol by name, otherwise a script protocol read from the file. A mistake is a one-line usage error.
 */
public final class ProtocolChoice {

    private ProtocolChoice() {
    }

    public static WireProtocol resolve(String nameOrFile, Map<String, String> options, Path baseDir) {
        String name = nameOrFile == null ? RawProtocol.NAME : nameOrFile;
        try {
            if (WireProtocols.isBuiltIn(name)) {
                return WireProtocols.builtIn(name, options);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("protocol (--protocol " + name + "): " + e.getMessage());
        }
        Path file = scriptFile(name, baseDir);
        if (file == null) {
            throw new UsageException("protocol (--protocol): '" + name + "' is neither a protocol herd knows ("
                    + String.join(", ", WireProtocols.names()) + ") nor a script file");
        }
        return ScriptProtocols.read(file, options);
    }

    /** The script file {@code name} names (relative to {@code baseDir} when not found as given), or null. */
    public static Path scriptFile(String name, Path baseDir) {
        try {
            Path path = Path.of(name);
            if (!path.isAbsolute() && baseDir != null && !Files.exists(path)) {
                path = baseDir.resolve(path);
            }
            return Files.isRegularFile(path) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
