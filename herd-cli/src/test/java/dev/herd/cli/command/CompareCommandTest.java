package dev.herd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herd.cli.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code herd compare BASE NEW}: the page, the console table, and exit codes 0/1/2 with the regression rule. */
class CompareCommandTest {

    @TempDir
    Path tmp;

    private Path base(double ms) {
        return ResultsDirs.write(tmp.resolve("base"), ResultsDirs.summary(ms));
    }

    private Path next(ObjectNode summary) {
        return ResultsDirs.write(tmp.resolve("new"), summary);
    }

    @Test
    void writesComparePageIntoNewAndPrintsATable() throws Exception {
        Path base = base(10);
        ObjectNode worse = ResultsDirs.summary(10);
        ResultsDirs.histogram(worse.withObjectProperty("latency"), 15);
        worse.withObjectProperty("messages").put("lost", 4);
        Path next = next(worse);
        CliRun run = CliRun.of("compare", base.toString(), next.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(next.resolve("compare.html")).isRegularFile();
        assertThat(Files.readString(next.resolve("compare.html"))).contains("<tr class=\"worse\"><th scope=\"row\">latency p99</th>");
        assertThat(run.out()).containsPattern("latency p99 +10 ms +15 ms +\\+50\\.0% +WORSE")
                .containsPattern("messages lost +0 +4 +from 0 +WORSE")
                .contains("compare: " + next.resolve("compare.html"));
    }

    @ParameterizedTest(name = "{0} from 10 to {1} ms with --fail-on-regression {2}: exit {3}")
    @CsvSource({
        "latency,       11.5, 10,  1",
        "latency,       11.5, 10%, 1",
        "latency,       11.5, 20,  0",
        "latency,       11.0, 10,  0",
        "latency,       5,    0,   0",
        "service_time,  11.5, 10,  1",
        "connect.total, 11.5, 10,  1",
    })
    void regressionRule(String histogram, double ms, String limit, int exitCode) {
        Path base = base(10);
        ObjectNode summary = ResultsDirs.summary(10);
        ObjectNode h = histogram.equals("connect.total")
                ? summary.withObjectProperty("connect").withObjectProperty("total")
                : summary.withObjectProperty(histogram);
        ResultsDirs.histogram(h, ms);
        Path next = next(summary);
        CliRun run = CliRun.of("compare", base.toString(), next.toString(), "--fail-on-regression", limit);
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(exitCode);
        if (exitCode == 1) {
            assertThat(run.out()).contains("REGRESSION");
        } else {
            assertThat(run.out()).contains("no key latency grew by more than");
        }
    }

    @Test
    void aWorseMaximumAloneIsNoRegression() {
        Path base = base(10);
        ObjectNode summary = ResultsDirs.summary(10);
        summary.withObjectProperty("latency").put("max", 500);
        CliRun run = CliRun.of("compare", base.toString(), next(summary).toString(), "--fail-on-regression", "5");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("latency max .* WORSE");
    }

    @Test
    void outChoosesThePage() {
        Path page = tmp.resolve("pages/cmp.html");
        CliRun run = CliRun.of("compare", base(1).toString(), next(ResultsDirs.summary(1)).toString(), "--out",
                tmp.resolve("cmp.html").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(tmp.resolve("cmp.html")).isRegularFile();
        assertThat(tmp.resolve("new/compare.html")).doesNotExist();
        assertThat(page).doesNotExist();
    }

    @Test
    void badInputIsExit2WithOneLine() throws Exception {
        Path base = base(10);
        Path next = next(ResultsDirs.summary(10));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        for (String[] args : new String[][] {
            {"compare", tmp.resolve("missing").toString(), next.toString()},
            {"compare", base.toString(), empty.toString()},
            {"compare", base.toString(), next.toString(), "--fail-on-regression", "ten"},
            {"compare", base.toString(), next.toString(), "--fail-on-regression", "-5"},
        }) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().lines()).as(run.err()).singleElement().asString().startsWith("herd: ");
        }
        assertThat(CliRun.of("compare", base.toString()).exitCode()).isEqualTo(2);
    }
}
