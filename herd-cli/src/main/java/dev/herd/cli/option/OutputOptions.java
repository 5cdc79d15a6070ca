package dev.herd.cli.option;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where results go and how much the console says. */
public final class OutputOptions {

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results directory (default: results/<scenario>-<yyyyMMdd-HHmmss>).")
    public Path out;

    @Option(names = {"-q", "--quiet"}, description = "No per-second status lines; only the summary.")
    public boolean quiet;
}
