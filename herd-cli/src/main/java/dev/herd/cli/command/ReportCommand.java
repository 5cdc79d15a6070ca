package dev.herd.cli.command;

import dev.herd.cli.ExitCode;
import dev.herd.cli.RunFailedException;
import dev.herd.cli.UsageException;
import dev.herd.report.html.HtmlReportWriter;
import dev.herd.report.html.RunFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herd report DIR}: rebuilds {@code report.html} from a results directory's files alone (summary.json,
 * timeseries.json, intervals.hlog), e.g. after upgrading herd, or for a run whose page was deleted.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rebuild report.html from a results directory (summary.json, timeseries.json, intervals.hlog).",
                "The page is self-contained: open it from disk, offline.",
                "Example: herd report results/broadcast-20261127-200419"})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A results directory (holds summary.json).")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the page (default: DIR/report.html).")
    Path out;

    @Override
    public Integer call() {
        RunFiles run = read(dir);
        Path page = out != null ? out : dir.resolve("report.html");
        try {
            new HtmlReportWriter().write(run, page);
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + page + ": " + e.getMessage(), e);
        }
        PrintWriter console = spec.commandLine().getOut();
        run.notes().forEach(n -> console.println("note: " + n));
        console.println("report: " + page);
        console.flush();
        return ExitCode.PASSED.code();
    }

    /** Reads a results directory; a bad one is a usage error (one line, exit 2). */
    static RunFiles read(Path dir) {
        try {
            return RunFiles.read(dir);
        } catch (NoSuchFileException e) {
            String reason = e.getReason() != null ? e.getReason() : "not found";
            throw new UsageException(e.getFile() + ": " + reason);
        } catch (IOException e) {
            throw new UsageException(String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable"));
        }
    }
}
