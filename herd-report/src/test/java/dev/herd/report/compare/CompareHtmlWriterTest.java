package dev.herd.report.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.report.html.ReportPage;
import dev.herd.report.html.RunFiles;
import dev.herd.report.html.RunFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare.html: self-contained, both runs, regressions red and improvements green. */
class CompareHtmlWriterTest {

    @TempDir
    Path tmp;

    @Test
    void sideBySideWithRegressionsAndImprovementsMarked() throws IOException {
        Path base = RunFixtures.copy("broadcast-ws", tmp.resolve("base"));
        Path next = RunFixtures.copy("broadcast-ws", tmp.resolve("new"));
        RunFixtures.editSummary(next, s -> {
            s.withObjectProperty("latency").put("p99", 150.0); // was 93.375: worse
            s.withObjectProperty("service_time").put("p50", 0.1); // better
            s.withObjectProperty("messages").put("lost", 7); // was 0: worse
        });
        Path page = new CompareHtmlWriter().write(RunFiles.read(base), RunFiles.read(next), next.resolve("compare.html"), 10.0);
        String html = Files.readString(page);
        assertThat(Pattern.compile("(?i)\\b(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html).find()).isFalse();
        assertThat(html).contains("<tr class=\"worse\"><th scope=\"row\">latency p99</th><td>93.38 ms</td><td>150 ms</td>")
                .contains("+60.6%")
                .contains("<tr class=\"better\"><th scope=\"row\">service time p50</th>")
                .contains("<tr class=\"worse\"><th scope=\"row\">messages lost</th>")
                .contains("Regression: 1 key latency grew by more than 10%");
        ReportPage read = ReportPage.read(page);
        assertThat(read.chartIds()).contains("compare-latency", "compare-connect");
        assertThat(read.seriesLabels("compare-latency")).containsExactly("new: latency", "base: latency",
                "new: service time", "base: service time");
    }
}
