package dev.herd.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.cli.testing.CliRun;
import dev.herd.broker.TargetConfig;
import dev.herd.broker.TargetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every run writes report.html beside summary.json; a report that cannot be written costs only itself. */
class ScenarioExecutionReportTest {

    @TempDir
    Path tmp;

    private TargetServer target;

    @BeforeEach
    void startTarget() throws Exception {
        target = TargetServer.start(TargetConfig.builder().bind("127.0.0.1").port(0).build());
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    private String[] steady(Path out) {
        return new String[] {"steady", "--url", "ws://127.0.0.1:" + target.localAddress().getPort() + "/ws/{topic}",
            "--clients", "4", "--duration", "1s", "--rate", "4", "--connect-within", "100ms", "--drain", "300ms",
            "--out", out.toString(), "-q"};
    }

    @Test
    void aRunWritesItsReport() throws Exception {
        Path out = tmp.resolve("run");
        CliRun run = CliRun.of(steady(out));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve("report.html")).isRegularFile();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("herd report: steady").contains("<section id=\"latency-distribution\"")
                .contains("<section id=\"connections\"");
        assertThat(run.out()).contains("report       " + out.resolve("report.html"));
    }

    @Test
    void aReportThatCannotBeWrittenIsAWarningAndTheResultsStay() throws Exception {
        Path out = tmp.resolve("run");
        // a non-empty directory where the page should go: the page cannot replace it
        Files.createDirectories(out.resolve("report.html"));
        Files.writeString(out.resolve("report.html").resolve("keep"), "x");
        CliRun run = CliRun.of(steady(out));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("herd: warning: report.html not written");
        assertThat(out.resolve("summary.json")).isRegularFile();
        assertThat(out.resolve("timeseries.json")).isRegularFile();
        assertThat(out.resolve("intervals.hlog")).isRegularFile();
        assertThat(out.resolve("report.html.tmp")).doesNotExist();
    }
}
