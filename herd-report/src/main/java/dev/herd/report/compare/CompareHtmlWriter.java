package dev.herd.report.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herd.report.html.Charts;
import dev.herd.report.html.Distributions;
import dev.herd.report.html.Figures;
import dev.herd.report.html.Html;
import dev.herd.report.html.Json;
import dev.herd.report.html.PageFile;
import dev.herd.report.html.PageTemplate;
import dev.herd.report.html.RunFiles;
import dev.herd.report.html.chart.PercentileChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code compare.html}: two runs side by side, every key figure with its change, regressions in red
 * and improvements in green (direction-aware), and both runs' latency distributions on one percentile plot.
 * Self-contained like the report: uPlot inlined, data embedded.
 *
 * <pre>{@code
 * new CompareHtmlWriter().write(RunFiles.read(base), RunFiles.read(next), next.resolve("compare.html"), 10.0);
 * }</pre>
 */
public final class CompareHtmlWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param failOnRegressionPercent the {@code --fail-on-regression} limit to judge key latencies by, or null
     */
    public Path write(RunFiles base, RunFiles next, Path page, Double failOnRegressionPercent) throws IOException {
        return PageFile.write(page, render(base, next, failOnRegressionPercent));
    }

    public String render(RunFiles base, RunFiles next, Double failOnRegressionPercent) throws IOException {
        SummaryComparison comparison = SummaryComparison.of(base.summary(), next.summary());
        Charts charts = new Charts();
        Html body = new Html();
        Html nav = new Html().open("ul");

        Html overview = new Html();
        runs(base, next, overview);
        verdict(comparison, failOnRegressionPercent, overview);
        section(body, nav, "overview", "Runs", overview);

        Html distribution = new Html();
        distribution.element("p", "Both runs' latency by percentile (\"1 in N\" on a log scale; see the report's "
                + "latency distribution for how to read it). Solid: new run; dashed: base run.", "class", "explain");
        PercentileChart chart = new PercentileChart("compare-latency", "Latency by percentile: base and new")
                .description("Percentile plot of latency and service time in milliseconds, base run dashed, new run solid.")
                .curve("new: latency", Distributions.curve(next, "latency"), null, 0)
                .curve("base: latency", Distributions.curve(base, "latency"), List.of(6, 4), 0)
                .curve("new: service time", Distributions.curve(next, "service_time"), null, 1)
                .curve("base: service time", Distributions.curve(base, "service_time"), List.of(6, 4), 1);
        charts.place(distribution, chart.build());
        PercentileChart connect = new PercentileChart("compare-connect", "Connect time (start → open) by percentile")
                .logY().description("Percentile plot of connect time, base run dashed, new run solid.")
                .curve("new: connect total", Distributions.curve(next, "connect.total"), null, 2)
                .curve("base: connect total", Distributions.curve(base, "connect.total"), List.of(6, 4), 2);
        charts.place(distribution, connect.build());
        section(body, nav, "distribution", "Latency distributions", distribution);

        Map<String, List<FigureDelta>> groups = new LinkedHashMap<>();
        comparison.figures().forEach(f -> groups.computeIfAbsent(f.group(), g -> new ArrayList<>()).add(f));
        for (Map.Entry<String, List<FigureDelta>> g : groups.entrySet()) {
            Html table = new Html();
            table(g.getKey(), g.getValue(), table);
            section(body, nav, "group-" + g.getKey().replaceAll("[^A-Za-z0-9]+", "-"), capitalised(g.getKey()), table);
        }
        nav.close("ul");

        ObjectNode data = MAPPER.createObjectNode();
        data.put("format", 1);
        data.set("charts", MAPPER.valueToTree(charts.all()));
        data.set("base", base.summary());
        data.set("new", next.summary());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("title", Html.escape("herd compare: " + name(base) + " → " + name(next)));
        values.put("version", "compare");
        values.put("header", new Html().element("h1", "herd compare")
                .element("p", "base " + where(base) + " → new " + where(next), "class", "meta").toString());
        values.put("nav", nav.toString());
        values.put("sections", body.toString());
        values.put("footer", Html.escape("Changes under " + Figures.number(FigureDelta.NOISE_PERCENT)
                + "% are shown as unchanged. Charts drawn with uPlot " + PageTemplate.uplotVersion() + " (MIT)."));
        values.put("data", MAPPER.writeValueAsString(data).replace("<", "\\u003c"));
        return PageTemplate.load().fill(values);
    }

    private static void section(Html body, Html nav, String id, String title, Html content) {
        body.open("section", "id", id, "aria-labelledby", id + "-heading")
                .element("h2", title, "id", id + "-heading").raw(content.toString()).close("section").newline();
        nav.open("li").element("a", title, "href", "#" + id).close("li");
    }

    private static void runs(RunFiles base, RunFiles next, Html html) {
        html.open("div", "class", "table-wrap").open("table", "class", "compare-runs")
                .element("caption", "The two runs")
                .open("thead").open("tr").element("th", "", "scope", "col").element("th", "base", "scope", "col")
                .element("th", "new", "scope", "col").close("tr").close("thead").open("tbody");
        for (String[] row : new String[][] {
            {"scenario", "scenario"}, {"target", "target.url"}, {"protocol", "target.protocol"}, {"started", "started"},
            {"verdict", "verdict"}, {"generator trustworthy", "generator.trustworthy"},
        }) {
            String b = Json.text(base.summary(), row[1]);
            String n = Json.text(next.summary(), row[1]);
            html.open("tr").element("th", row[0], "scope", "row").element("td", b == null ? "–" : b)
                    .element("td", n == null ? "–" : n).close("tr");
        }
        html.open("tr").element("th", "directory", "scope", "row").element("td", where(base))
                .element("td", where(next)).close("tr");
        html.close("tbody").close("table").close("div");
    }

    private static void verdict(SummaryComparison c, Double pct, Html html) {
        long worse = c.figures().stream().filter(f -> f.outcome() == FigureDelta.Outcome.WORSE).count();
        long better = c.figures().stream().filter(f -> f.outcome() == FigureDelta.Outcome.BETTER).count();
        html.element("p", worse + " figures worse, " + better + " better (of " + c.figures().size() + ").",
                "class", "muted");
        if (pct == null) {
            return;
        }
        List<FigureDelta> regressions = c.regressions(pct);
        if (regressions.isEmpty()) {
            html.element("p", "No key latency grew by more than " + Figures.number(pct) + "%.", "class", "verdict good");
        } else {
            html.open("div", "class", "callout bad")
                    .element("p", "Regression: " + regressions.size() + " key latenc" + (regressions.size() == 1 ? "y" : "ies")
                            + " grew by more than " + Figures.number(pct) + "%.")
                    .open("ul");
            regressions.forEach(f -> html.element("li", f.label() + ": " + Figures.ms(f.base()) + " → "
                    + Figures.ms(f.next()) + " (" + percent(f.deltaPercent()) + ")"));
            html.close("ul").close("div");
        }
    }

    private static void table(String group, List<FigureDelta> rows, Html html) {
        html.open("div", "class", "table-wrap").open("table", "class", "compare")
                .element("caption", capitalised(group) + ": base → new (red: worse, green: better)")
                .open("thead").open("tr");
        for (String h : List.of("figure", "base", "new", "change", "change %", "")) {
            html.element("th", h, "scope", "col");
        }
        html.close("tr").close("thead").open("tbody");
        for (FigureDelta f : rows) {
            FigureDelta.Outcome o = f.outcome();
            String cls = switch (o) {
                case BETTER -> "better";
                case WORSE -> "worse";
                default -> null;
            };
            String mark = switch (o) {
                case BETTER -> "better";
                case WORSE -> "worse";
                case CHANGED -> "changed";
                case ONLY_BASE -> "only in base";
                case ONLY_NEW -> "only in new";
                case SAME -> "";
            };
            html.open("tr", "class", cls)
                    .element("th", f.label(), "scope", "row")
                    .element("td", value(f.base(), f.unit()))
                    .element("td", value(f.next(), f.unit()))
                    .element("td", Double.isNaN(f.delta()) ? "–" : signed(f.delta(), f.unit()))
                    .element("td", percent(f.deltaPercent()))
                    .element("td", mark, "class", "mark")
                    .close("tr");
        }
        html.close("tbody").close("table").close("div");
    }

    static String value(double v, String unit) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return switch (unit) {
            case "ms" -> Figures.ms(v);
            case "bytes" -> Figures.bytes(v);
            case "%" -> Figures.percent(v);
            case "/s" -> Figures.number(Math.round(v * 10) / 10.0) + "/s";
            default -> Figures.number(v);
        };
    }

    private static String signed(double v, String unit) {
        return (v > 0 ? "+" : "") + value(v, unit);
    }

    static String percent(double pct) {
        if (Double.isNaN(pct)) {
            return "–";
        }
        if (Double.isInfinite(pct)) {
            return pct > 0 ? "new (was 0)" : "gone";
        }
        return String.format(Locale.ROOT, "%+.1f%%", pct);
    }

    private static String name(RunFiles run) {
        Path dir = run.directory();
        return dir != null && dir.getFileName() != null ? dir.getFileName().toString() : "run";
    }

    private static String where(RunFiles run) {
        return run.directory() == null ? "?" : run.directory().toString();
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).replace('_', ' ');
    }
}
