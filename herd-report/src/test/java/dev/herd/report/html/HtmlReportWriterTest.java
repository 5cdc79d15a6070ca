package dev.herd.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html from the golden results directories: self-contained, every section, the data embedded. */
class HtmlReportWriterTest {

    /** What the page says when a section's code failed (it must not, for any summary). */
    private static final String SECTION_FAILED = "This section could not be drawn";
    private static final String VIEW_FAILED = "specific view could not read it";

    @TempDir
    Path tmp;

    @Test
    void writesReportHtmlIntoTheResultsDirectory() throws IOException {
        Path run = RunFixtures.copy("broadcast-ws", tmp);
        Path page = new HtmlReportWriter().write(run);
        assertThat(page).isEqualTo(run.resolve("report.html")).isRegularFile();
        assertThat(run.resolve("report.html.tmp")).doesNotExist();
    }

    @Test
    void pageIsSelfContained() throws IOException {
        String html = write("broadcast-ws");
        // no external resource of any kind: every src and href is local (a fragment)
        assertThat(Pattern.compile("(?i)\\b(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html).find()).isFalse();
        assertThat(html).doesNotContainPattern("(?i)<link\\b").doesNotContainPattern("(?i)<script[^>]*\\bsrc=")
                .doesNotContainPattern("(?i)@import").doesNotContainPattern("(?i)url\\(\\s*['\"]?https?:")
                .doesNotContainPattern("(?i)<iframe|<img\\b");
        assertThat(Pattern.compile("href=\"([^\"]*)\"").matcher(html).results()
                .map(m -> m.group(1))).allMatch(href -> href.startsWith("#"));
        // uPlot's own script and style, byte for byte from the webjar
        assertThat(html).contains(webjar("uPlot.iife.min.js")).contains(webjar("uPlot.min.css"));
    }

    @Test
    void containsEverySectionOfABroadcastRun() throws IOException {
        String html = write("broadcast-ws");
        for (String id : new String[] {"summary", "connections", "messages", "latency-time", "latency-distribution",
            "connect-phases", "generator", "summary-json"}) {
            assertThat(html).as(id).contains("<section id=\"" + id + "\"").contains("href=\"#" + id + "\"");
        }
        assertThat(html).contains("id=\"herd-selfcheck\"");
    }

    @Test
    void embedsTheRunsDataAndACurveForEveryChart() throws IOException {
        Path run = RunFixtures.copy("broadcast-ws", tmp);
        ReportPage page = ReportPage.read(new HtmlReportWriter().write(run));
        JsonNode summary = RunFixtures.readSummary(run);
        assertThat(page.data().path("summary")).isEqualTo(summary);
        JsonNode timeseries = RunFixtures.MAPPER.readTree(run.resolve("timeseries.json").toFile());
        assertThat(page.data().path("timeseries")).isEqualTo(timeseries.path("points"));
        assertThat(page.chartIds()).contains("connections", "messages", "latency-time", "latency-distribution",
                "connect-phases", "generator-lag", "generator-cpu", "generator-resources");
        assertThat(page.seriesLabels("latency-time")).containsExactly("p50", "p95", "p99", "max", "service time p99");
        assertThat(page.seriesLabels("latency-distribution")).containsExactly("latency", "service time");
        assertThat(page.seriesLabels("connect-phases")).contains("tcp", "upgrade", "first message", "total");
        for (JsonNode chart : page.data().path("charts")) {
            int n = chart.path("x").size();
            assertThat(n).as(chart.path("id").asText()).isPositive();
            chart.path("series").forEach(s -> assertThat(s.path("data").size()).isEqualTo(n));
        }
        // every chart placed in the data has its element on the page, and no element lacks its data
        assertThat(Pattern.compile("class=\"plot\" data-chart=\"([^\"]+)\"").matcher(page.html()).results().map(m -> m.group(1)))
                .containsExactlyInAnyOrderElementsOf(page.chartIds());
    }

    @Test
    void percentilePlotIsTheRunsTotalHistogram() throws IOException {
        Path run = RunFixtures.copy("broadcast-ws", tmp);
        ReportPage page = ReportPage.read(new HtmlReportWriter().write(run));
        JsonNode chart = page.chart("latency-distribution");
        assertThat(chart.path("kind").asText()).isEqualTo("PERCENTILE");
        assertThat(chart.path("xLog").asBoolean()).isTrue();
        JsonNode latency = RunFixtures.readSummary(run).path("latency");
        // the curve ends at "1 in count" on the run's maximum, as summary.json has it
        JsonNode xs = chart.path("x");
        JsonNode ys = chart.path("series").get(0).path("data");
        assertThat(xs.get(xs.size() - 1).asDouble()).isEqualTo(latency.path("count").asDouble());
        assertThat(ys.get(ys.size() - 1).asDouble()).isEqualTo(latency.path("max").asDouble());
        // and passes through the median at x = 2
        for (int i = 0; i < xs.size(); i++) {
            if (xs.get(i).asDouble() == 2.0) {
                assertThat(ys.get(i).asDouble()).isEqualTo(latency.path("p50").asDouble());
            }
        }
    }

    @Test
    void summaryShowsVerdictThresholdsAndWhyTheGeneratorIsNotTrustworthy() throws IOException {
        Path run = RunFixtures.copy("broadcast-ws", tmp);
        RunFixtures.editSummary(run, s -> {
            s.put("verdict", "fail");
            var thresholds = s.putArray("thresholds");
            thresholds.addObject().put("expression", "latency.p99 < 50ms").put("actual", 93.375).put("passed", false);
            thresholds.addObject().put("expression", "messages.lost == 0").put("actual", 0).put("passed", true);
        });
        String html = Files.readString(new HtmlReportWriter().write(run));
        assertThat(html).contains("FAIL: a threshold did not hold")
                .contains("latency.p99 &lt; 50ms").contains("✗ failed").contains("✓ passed")
                .contains("Not trustworthy").contains("event loops ran late: lag p99 35.3 ms (limit 20 ms)")
                .contains("generator not trustworthy");
    }

    @Test
    void connectStormHasItsOwnView() throws IOException {
        Path run = RunFixtures.copy("connect-storm", tmp);
        ReportPage page = ReportPage.read(new HtmlReportWriter().write(run));
        assertThat(page.html()).contains("<section id=\"scenario-connect_storm\"").contains(">Connect storm</h2>")
                .contains("achieved rate").contains("299.8/s").contains("open after the hold");
        assertThat(page.seriesLabels("connect-storm-phases")).containsExactly("dns", "tcp", "upgrade", "total");
        assertThat(page.chart("connect-storm-phases").path("categories").toString()).contains("p50", "p95", "p99", "max");
        assertThat(page.seriesLabels("connect-storm-open")).containsExactly("open", "asked (even ramp)");
        // connections were opened in two seconds: the connect time per second is drawn
        assertThat(page.seriesLabels("connect-time")).containsExactly("connect total p99");
        // a storm has no messages: no message sections
        assertThat(page.html()).doesNotContain("<section id=\"messages\"").doesNotContain("<section id=\"latency-time\"");
    }

    @Test
    void theAnnouncedScenarioSectionsGetTheirViews() throws IOException {
        Path run = RunFixtures.copy("broadcast-ws", tmp);
        RunFixtures.addSections(run, "reconnect_storm", "fanout", "slow_subscribers", "capacity");
        ReportPage page = ReportPage.read(new HtmlReportWriter().write(run));
        String html = page.html();
        assertThat(html).contains(">Reconnect storm</h2>", ">Fan-out</h2>", ">Slow subscribers</h2>", ">Capacity</h2>")
                .doesNotContain(SECTION_FAILED).doesNotContain(VIEW_FAILED);
        // reconnect storm: recovery cards, attempts as bars, the open curve
        assertThat(html).contains("50% recovered after").contains("485 ms").contains("100% recovered after");
        assertThat(page.chart("reconnect-attempts").path("series").get(0).path("style").asText()).isEqualTo("bars");
        assertThat(page.chart("reconnect-attempts").path("x").get(1).asDouble()).isEqualTo(100.0);
        assertThat(page.chartIds()).contains("reconnect-open", "reconnect_storm-attempts_per_client");
        // fan-out: against n, split by unit, n on a log axis (1 … 10,000)
        assertThat(page.seriesLabels("fanout-curve-ms")).containsExactly("p50", "p95", "p99", "max");
        assertThat(page.seriesLabels("fanout-curve-persecond")).containsExactly("deliveries/s");
        assertThat(page.seriesLabels("fanout-curve-ratio")).containsExactly("loss");
        assertThat(page.chart("fanout-curve-ms").path("xLog").asBoolean()).isTrue();
        assertThat(page.chart("fanout-curve-ms").path("xLabel").asText()).isEqualTo("n");
        assertThat(html).contains("knee n");
        // slow subscribers: classification, evidence, healthy before/during/after side by side; stalled latency
        assertThat(html).contains("head-of-line blocking").contains("healthy p99 rose from 4.1 ms");
        assertThat(page.seriesLabels("slow-healthy")).containsExactly("before", "during", "after");
        // capacity: max held, first failure, curve against open connections
        assertThat(html).contains("18,000").contains("handshake timeout");
        assertThat(page.chart("capacity-curve-ms").path("xLabel").asText()).isEqualTo("open");
        assertThat(page.chartIds()).contains("capacity-curve-ratio");
    }

    @Test
    void unknownSectionsAndKeysAreShownGenerically() throws IOException {
        Path run = RunFixtures.copy("broadcast-ws", tmp);
        RunFixtures.addSections(run, "unknown");
        ReportPage page = ReportPage.read(new HtmlReportWriter().write(run));
        String html = page.html();
        assertThat(html).contains("<section id=\"scenario-weird_future_section\"")
                .contains(">Scenario: weird future section</h2>")
                .contains("<dt>mode</dt><dd>x&lt;script&gt;alert(1)&lt;/script&gt;</dd>")
                .contains("<dt>tags</dt><dd>a, b</dd>")
                .contains(">deeper</h4>");
        assertThat(page.seriesLabels("scenario-weird_future_section-series")).containsExactly("y");
        assertThat(page.chart("scenario-weird_future_section-by_size").path("series").get(0).path("style").asText())
                .isEqualTo("bars");
        // top-level values that are not sections
        assertThat(html).contains("<section id=\"other-keys\"").contains("nightly &lt;/script&gt;&lt;b&gt;x&lt;/b&gt;");
        // nothing from the file can end the data's script element or inject markup
        assertThat(html).doesNotContain("<script>alert(1)").doesNotContain("nightly </script>");
        assertThat(page.data().path("summary").path("run_label").asText()).isEqualTo("nightly </script><b>x</b>");
    }

    @Test
    void survivesAnEmptySummary() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(run.resolve("summary.json"), "{}");
        String html = Files.readString(new HtmlReportWriter().write(run));
        assertThat(html).contains("<section id=\"summary\"").contains("verdict unknown").contains("No thresholds were set.")
                .contains("No timeseries.json").contains("No intervals.hlog").contains("<section id=\"summary-json\"")
                .doesNotContain(SECTION_FAILED).doesNotContain(VIEW_FAILED);
    }

    @Test
    void survivesKeysOfTheWrongType() throws IOException {
        Path run = RunFixtures.copy("broadcast-ws", tmp);
        RunFixtures.editSummary(run, s -> {
            s.put("latency", "fast");
            s.putArray("connections").add(1).add(2);
            s.putObject("connect").put("tcp", 5).putObject("total").put("count", "many");
            s.putObject("thresholds").put("a", 1);
            s.putNull("generator");
            s.put("verdict", 7);
            s.putObject("messages").putObject("received").put("x", 1);
            s.putObject("service_time").put("count", 3).put("p50", "slow");
            s.put("duration_ms", "long");
            s.putObject("fanout").put("curve", "not an array");
            s.putObject("connect_storm").putArray("phases").add("tcp");
            s.putObject("slow_subscribers").putArray("evidence").addObject();
        });
        String html = Files.readString(new HtmlReportWriter().write(run));
        assertThat(html).contains("<section id=\"summary\"").contains("verdict 7")
                .contains("<section id=\"scenario-fanout\"").contains("not an array")
                .doesNotContain(SECTION_FAILED).doesNotContain(VIEW_FAILED);
    }

    @Test
    void damagedTimeseriesAndIntervalLogCostOnlyTheirCharts() throws IOException {
        Path run = RunFixtures.copy("broadcast-ws", tmp);
        Files.writeString(run.resolve("timeseries.json"), "{\"points\": [");
        Files.writeString(run.resolve("intervals.hlog"), "Tag=latency,0.000,1.000,1.0,HISTFAAAAnotbase64!!\n");
        ReportPage page = ReportPage.read(new HtmlReportWriter().write(run));
        assertThat(page.html()).contains("timeseries.json could not be read").contains("intervals.hlog could not be read")
                .contains("latency, service time: drawn from summary.json&#39;s percentiles");
        // the distribution is still drawn, from summary.json's percentiles
        assertThat(page.chartIds()).contains("latency-distribution", "connect-phases").doesNotContain("latency-time");
    }

    @Test
    void aResultsDirectoryWithoutSummaryIsAnError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("nothing"));
        assertThatThrownBy(() -> new HtmlReportWriter().write(empty)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("summary.json");
        assertThatThrownBy(() -> new HtmlReportWriter().write(tmp.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class);
        Files.writeString(empty.resolve("summary.json"), "[1, 2]");
        assertThatThrownBy(() -> new HtmlReportWriter().write(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a JSON object");
        Files.writeString(empty.resolve("summary.json"), "{\"scenario\": ");
        assertThatThrownBy(() -> new HtmlReportWriter().write(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aMergedResultListsItsProcessesWithLinksToTheReportsBesideIt() throws IOException {
        Path run = RunFixtures.copy("broadcast-ws", tmp);
        RunFixtures.editSummary(run, s -> {
            s.put("role", "merged").put("workers", 2);
            var from = s.putArray("merged_from");
            from.addObject().put("directory", run.resolve("workers/worker-0").toString()).put("role", "both")
                    .put("established", 50).put("received", 1000).put("lost", 0).put("trustworthy", true)
                    .put("verdict", "pass").put("started", "2026-11-27T20:00:00Z");
            from.addObject().put("directory", tmp.resolve("elsewhere/sub-1").toString()).put("role", "subscriber")
                    .put("established", 50).put("received", 990).put("lost", 10).put("trustworthy", false)
                    .put("verdict", "pass").put("started", "2026-11-27T20:00:00Z");
        });
        String html = Files.readString(new HtmlReportWriter().write(run));
        assertThat(html).contains("<section id=\"workers\"").contains("href=\"workers/worker-0/report.html\"")
                .contains(tmp.resolve("elsewhere/sub-1").toString()).doesNotContain(SECTION_FAILED);
        // listed once, in its own section, not again among the other figures
        assertThat(html).doesNotContain("merged from: ");
    }

    private String write(String fixture) throws IOException {
        return Files.readString(new HtmlReportWriter().write(RunFixtures.copy(fixture, tmp)));
    }

    private static String webjar(String file) throws IOException {
        String path = "META-INF/resources/webjars/uplot/" + PageTemplate.uplotVersion() + "/dist/" + file;
        try (InputStream in = HtmlReportWriterTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
