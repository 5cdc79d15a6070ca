package dev.herd.cli.scenario;

import dev.herd.cli.UsageException;
import dev.herd.engine.protocol.WireProtocol;
import java.nio.file.Path;
import java.util.Map;

/** Reads a script protocol's YAML file (docs/protocols.md) into the engine's script protocol. */
public final class ScriptProtocols {

    private ScriptProtocols() {
    }

    public static WireProtocol read(Path file, Map<String, String> options) {
        throw new UsageException("protocol (--protocol): script protocols are not supported yet (" + file + ")");
    }
}
