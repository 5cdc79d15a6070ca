package dev.herd.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herd.report.html.scenario.ScenarioSection;
import dev.herd.report.html.scenario.ScenarioViews;
import dev.herd.report.summary.SummaryJsonWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code report.html}: one self-contained page for a results directory, built from its files alone
 * (summary.json, timeseries.json, intervals.hlog). uPlot's script and style are inlined from its webjar and
 * the data is embedded as JSON, so the page opens offline from disk and makes no request.
 *
 * <pre>{@code
 * Path page = new HtmlReportWriter().write(resultsDir); // resultsDir/report.html
 * }</pre>
 *
 * <p>Sections: summary, connections, messages, latency over time, latency distribution (percentile plot),
 * connect phases, one per scenario section of summary.json (a specific view for the known ones, a generic
 * one for the rest), generator health, any other series or keys, and summary.json itself.
 */
public final class HtmlReportWriter {

    /** summary.json's common keys (DESIGN.md); every other object at the top is a scenario section. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads the directory and writes {@code report.html} into it; returns the page's path. */
    public Path write(Path resultsDir) throws IOException {
        return write(resultsDir, resultsDir.resolve("report.html"));
    }

    /** Reads the directory and writes the page to {@code page}. */
    public Path write(Path resultsDir, Path page) throws IOException {
        return write(RunFiles.read(resultsDir), page);
    }

    /** Writes the page of files already read. */
    public Path write(RunFiles run, Path page) throws IOException {
        return PageFile.write(page, render(run));
    }

    /** The page for a run's files. */
    public String render(RunFiles run) throws IOException {
        PageTemplate template = PageTemplate.load();
        Charts charts = new Charts();
        Html nav = new Html().open("ul");
        Html body = new Html();
        for (ReportSection section : sections(run)) {
            if (!section.appliesTo(run)) {
                continue;
            }
            Html own = new Html();
            int mark = charts.mark();
            try {
                section.render(run, own, charts);
            } catch (RuntimeException e) {
                // One section's bug must not cost the page: say so where the section would be.
                charts.rollBack(mark);
                own = new Html().element("p", "This section could not be drawn: " + e, "class", "callout bad");
            }
            String headingId = section.id() + "-heading";
            body.open("section", "id", section.id(), "aria-labelledby", headingId)
                    .element("h2", section.title(), "id", headingId)
                    .raw(own.toString())
                    .close("section").newline();
            nav.open("li").element("a", section.title(), "href", "#" + section.id()).close("li");
        }
        nav.close("ul");
        Map<String, String> values = new LinkedHashMap<>();
        String scenario = Json.text(run.summary(), "scenario");
        values.put("title", Html.escape("herd report: " + (scenario == null ? "run" : scenario)
                + (run.directory() != null && run.directory().getFileName() != null
                ? " (" + run.directory().getFileName() + ")" : "")));
        values.put("version", Html.escape(version()));
        values.put("header", header(run).toString());
        values.put("nav", nav.toString());
        values.put("sections", body.toString());
        values.put("footer", Html.escape("Written by herd " + version() + " at "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " from summary.json, timeseries.json and "
                + "intervals.hlog; charts drawn with uPlot " + PageTemplate.uplotVersion() + " (MIT)."));
        values.put("data", data(run, charts));
        return template.fill(values);
    }

    /** The sections, in page order; scenario sections in summary.json's order. */
    static List<ReportSection> sections(RunFiles run) {
        List<ReportSection> sections = new ArrayList<>();
        sections.add(new SummarySection());
        ConnectionsSection connections = new ConnectionsSection();
        MessagesSection messages = new MessagesSection();
        LatencyOverTimeSection latency = new LatencyOverTimeSection();
        GeneratorSection generator = new GeneratorSection();
        sections.add(connections);
        sections.add(messages);
        sections.add(latency);
        sections.add(new LatencyDistributionSection());
        sections.add(new ConnectPhasesSection());
        run.summary().properties().forEach(e -> {
            if (!SummaryJsonWriter.COMMON_KEYS.contains(e.getKey()) && e.getValue().isObject()) {
                sections.add(new ScenarioSection(e.getKey(), ScenarioViews.forKey(e.getKey())));
            }
        });
        sections.add(generator);
        sections.add(new WorkersSection());
        Set<String> drawn = new HashSet<>(ConnectPhasesSection.TIME_SERIES_KEYS);
        for (TimeSeriesSection s : List.of(connections, messages, latency, generator)) {
            drawn.addAll(s.keys());
        }
        sections.add(new OtherSeriesSection(drawn));
        Set<String> topLevel = new HashSet<>(SummaryJsonWriter.COMMON_KEYS);
        sections.add(new OtherKeysSection(topLevel));
        sections.add(new RawSummarySection());
        return sections;
    }

    private static Html header(RunFiles run) {
        ObjectNode s = run.summary();
        String scenario = Json.text(s, "scenario");
        Html h = new Html().element("h1", "herd report: " + (scenario == null ? "unnamed run" : scenario));
        List<String> meta = new ArrayList<>();
        String url = Json.text(s, "target.url");
        if (url != null) {
            String protocol = Json.text(s, "target.protocol");
            meta.add(url + (protocol == null ? "" : " (" + protocol + ")"));
        }
        String started = Json.text(s, "started");
        if (started != null) {
            meta.add("started " + started);
        }
        double duration = Json.number(s, "duration_ms");
        if (!Double.isNaN(duration)) {
            meta.add("ran " + Figures.number(Math.round(duration / 100.0) / 10.0) + " s");
        }
        if (run.directory() != null) {
            meta.add("results in " + run.directory().toAbsolutePath().normalize());
        }
        return h.element("p", String.join(" · ", meta), "class", "meta");
    }

    /**
     * The embedded data: the charts as drawn, summary.json and timeseries.json's points as read. {@code <} is
     * escaped so that no value can end the script element.
     */
    private static String data(RunFiles run, Charts charts) throws JsonProcessingException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", 1);
        root.set("charts", MAPPER.valueToTree(charts.all()));
        root.set("summary", run.summary());
        ArrayNode points = root.putArray("timeseries");
        run.points().forEach(points::add);
        return MAPPER.writeValueAsString(root).replace("<", "\\u003c");
    }

    private static String version() {
        String v = HtmlReportWriter.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
