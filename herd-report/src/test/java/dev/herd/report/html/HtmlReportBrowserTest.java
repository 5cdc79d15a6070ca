package dev.herd.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herd.report.compare.CompareHtmlWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real reports in headless Chromium: every chart drew (its canvas has pixels of its series' colours, which
 * the page's own self-check counts with {@code getImageData}) and the page met no error ({@code window.onerror},
 * unhandled rejections and {@code console.error} are collected from its first script on). Skipped when
 * Chromium is not installed ({@code apt-get install -y chromium}).
 */
class HtmlReportBrowserTest {

    private static final Pattern SELF_CHECK = Pattern.compile(
            "<output id=\"herd-selfcheck\"[^>]*>(.*?)</output>", Pattern.DOTALL);

    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"herd-data\">(.*?)</script>", Pattern.DOTALL);

    private static HeadlessChromium chromium;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findChromium() {
        chromium = HeadlessChromium.find().orElse(null);
        assumeTrue(chromium != null, "chromium is not installed: browser test skipped");
    }

    @ParameterizedTest(name = "{0} at {1} px wide")
    @CsvSource({
        "broadcast-ws,   1280",
        "connect-storm,  1280",
        "all-sections,   1280",
        "all-sections,   500",
    })
    void everyChartDrawsAndThePageLogsNoError(String fixture, int width) throws Exception {
        Path run;
        if (fixture.equals("all-sections")) {
            run = RunFixtures.copy("broadcast-ws", tmp);
            RunFixtures.addSections(run, "reconnect_storm", "fanout", "slow_subscribers", "capacity", "unknown");
        } else {
            run = RunFixtures.copy(fixture, tmp);
        }
        Path page = new HtmlReportWriter().write(run);
        int charts = ReportPage.read(page).chartIds().size();
        assertDrewEverything(page, width, charts);
    }

    @Test
    void comparePageDraws() throws Exception {
        Path base = RunFixtures.copy("broadcast-ws", tmp.resolve("base"));
        Path next = RunFixtures.copy("broadcast-ws", tmp.resolve("new"));
        Path page = new CompareHtmlWriter().write(RunFiles.read(base), RunFiles.read(next), next.resolve("compare.html"), 5.0);
        assertDrewEverything(page, 1024, 2);
    }

    @Test
    void selfCheckNoticesAnErrorAndABlankChart() throws Exception {
        Path page = new HtmlReportWriter().write(RunFixtures.copy("broadcast-ws", tmp));
        ReportPage read = ReportPage.read(page);
        // blank one chart's series (all values null), and make the page throw
        ObjectNode data = read.data().deepCopy();
        for (JsonNode chart : data.path("charts")) {
            if (chart.path("id").asText().equals("latency-time")) {
                for (JsonNode series : chart.path("series")) {
                    ArrayNode values = (ArrayNode) series.path("data");
                    for (int i = 0; i < values.size(); i++) {
                        values.set(i, NullNode.getInstance());
                    }
                }
            }
        }
        String json = new ObjectMapper().writeValueAsString(data).replace("<", "\\u003c");
        Matcher embedded = DATA.matcher(read.html());
        assertThat(embedded.find()).isTrue();
        String html = read.html().substring(0, embedded.start(1)) + json + read.html().substring(embedded.end(1));
        Files.writeString(page, html.replace("</body>", "<script>throw new Error('boom');</script></body>"));

        HeadlessChromium.Result result = chromium.dumpDom(page, 1280, 900, tmp);
        Matcher m = SELF_CHECK.matcher(result.dom());
        assertThat(m.find()).isTrue();
        JsonNode check = RunFixtures.MAPPER.readTree(unescape(m.group(1)));
        assertThat(check.path("ok").asBoolean()).isFalse();
        assertThat(check.path("blank").toString()).contains("latency-time");
        assertThat(check.path("errors").toString()).contains("boom");
    }

    private void assertDrewEverything(Path page, int width, int charts) throws IOException, InterruptedException {
        HeadlessChromium.Result result = chromium.dumpDom(page, width, 900, tmp);
        Matcher m = SELF_CHECK.matcher(result.dom());
        assertThat(m.find()).as("self-check element in the DOM; chromium log:%n%s", result.log()).isTrue();
        String json = unescape(m.group(1));
        assertThat(json).as("the page's script ran and wrote its self-check; chromium log:%n%s", result.log())
                .isNotBlank();
        JsonNode check = RunFixtures.MAPPER.readTree(json);
        assertThat(check.path("errors")).as("errors on the page: %s", json).isEmpty();
        assertThat(check.path("blank")).as("charts with no series pixels: %s", json).isEmpty();
        assertThat(check.path("expected").asInt()).as(json).isEqualTo(charts).isPositive();
        assertThat(check.path("charts").asInt()).as(json).isEqualTo(charts);
        assertThat(check.path("drawn").asInt()).as(json).isEqualTo(charts);
        assertThat(check.path("ok").asBoolean()).as(json).isTrue();
        assertThat(result.log()).as("chromium's log").doesNotContain("Uncaught").doesNotContainIgnoringCase(
                "Refused to load");
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
