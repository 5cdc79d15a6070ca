package dev.herd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.cli.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herd report DIR}: rebuilds report.html from the files; a bad DIR is one line and exit 2. */
class ReportCommandTest {

    @TempDir
    Path tmp;

    @Test
    void rebuildsTheReportFromSummaryAlone() throws Exception {
        Path dir = ResultsDirs.write(tmp.resolve("run"), ResultsDirs.summary(12.5));
        CliRun run = CliRun.of("report", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("report: " + dir.resolve("report.html"))
                .contains("note: No timeseries.json").contains("note: No intervals.hlog");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("herd report: broadcast")
                .contains("<section id=\"latency-distribution\"").contains("12.5 ms");
    }

    @Test
    void replacesAnExistingReportAndWritesElsewhereWithOut() throws Exception {
        Path dir = ResultsDirs.write(tmp.resolve("run"), ResultsDirs.summary(3));
        Files.writeString(dir.resolve("report.html"), "old");
        assertThat(CliRun.of("report", dir.toString()).exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("report.html"))).startsWith("<!DOCTYPE html>");
        Path other = tmp.resolve("other.html");
        assertThat(CliRun.of("report", dir.toString(), "--out", other.toString()).exitCode()).isZero();
        assertThat(other).isRegularFile();
    }

    @Test
    void missingDirectoryIsAUsageError() {
        CliRun run = CliRun.of("report", tmp.resolve("nope").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("herd: ").contains("nope");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void directoryWithoutSummaryIsAUsageError() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        CliRun run = CliRun.of("report", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("herd: ").contains("summary.json");
        assertThat(dir.resolve("report.html")).doesNotExist();
    }

    @Test
    void summaryThatIsNotJsonIsAUsageError() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("summary.json"), "{\"scenario\": \n\n");
        CliRun run = CliRun.of("report", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("not valid JSON");
    }

    @Test
    void noDirectoryIsAUsageError() {
        CliRun run = CliRun.of("report");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("DIR");
    }
}
