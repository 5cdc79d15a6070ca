package dev.herd.report.html.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.Charts;
import dev.herd.report.html.FigureCards;
import dev.herd.report.html.Figures;
import dev.herd.report.html.Html;
import dev.herd.report.html.Json;
import dev.herd.report.html.RunFiles;
import dev.herd.report.html.chart.ChartSpec;
import dev.herd.report.html.chart.Palette;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code connect_storm}: N clients asked to connect within T. The rate asked against the rate achieved, each
 * connect phase's percentiles during the storm side by side, and the open-connections curve against the
 * even ramp that was asked for.
 */
final class ConnectStormView implements ScenarioView {

    private static final Set<String> DRAWN = Set.of("clients", "within_ms", "asked_rate", "achieved_rate",
            "established", "failed", "last_open_ms", "hold_ms", "open_at_hold_start", "open_after_hold", "phases",
            "open_curve");

    @Override
    public String key() {
        return "connect_storm";
    }

    @Override
    public String title() {
        return "Connect storm";
    }

    @Override
    public void render(JsonNode s, RunFiles run, Html html, Charts charts) {
        double clients = Json.number(s, "clients");
        double withinMs = Json.number(s, "within_ms");
        html.element("p", "A storm asks " + Figures.number(clients) + " clients to connect within "
                + Figures.ms(withinMs) + ". Compare the rate achieved with the rate asked, and the curve of open "
                + "connections with the ramp asked for: a curve that lags the ramp means the target (or its "
                + "accept queue) could not keep up.", "class", "explain");
        FigureCards cards = new FigureCards();
        ViewSupport.card(cards, s, "clients", "clients asked");
        double asked = Json.number(s, "asked_rate");
        double achieved = Json.number(s, "achieved_rate");
        if (!Double.isNaN(asked)) {
            cards.add("asked rate", Figures.number(asked) + "/s");
        }
        if (!Double.isNaN(achieved)) {
            cards.add("achieved rate", Figures.number(achieved) + "/s", null,
                    !Double.isNaN(asked) && achieved < 0.9 * asked ? "warn" : null);
        }
        ViewSupport.card(cards, s, "established", "established");
        double failed = Json.number(s, "failed");
        if (!Double.isNaN(failed)) {
            cards.add("failed", Figures.number(failed), null, failed > 0 ? "bad" : "good");
        }
        ViewSupport.card(cards, s, "last_open_ms", "last client open after");
        double atStart = Json.number(s, "open_at_hold_start");
        double after = Json.number(s, "open_after_hold");
        if (!Double.isNaN(atStart) && !Double.isNaN(after)) {
            cards.add("open after the hold", Figures.number(after), "of " + Figures.number(atStart) + " at its start"
                    + (Double.isNaN(Json.number(s, "hold_ms")) ? "" : " (" + Figures.ms(Json.number(s, "hold_ms")) + ")"),
                    after < atStart ? "bad" : null);
        }
        cards.render(html);

        JsonNode phases = s.path("phases");
        if (GenericView.isMapOfFigures(phases)) {
            html.element("h3", "Connect phases during the storm");
            Map<String, JsonNode> sets = new LinkedHashMap<>();
            phases.properties().forEach(e -> sets.put(e.getKey(), e.getValue()));
            charts.place(html, ViewSupport.percentilesSideBySide(charts.freshId("connect-storm-phases"),
                    "Each phase's percentiles side by side", sets)
                    .description("Connect phase percentiles during the storm, milliseconds on a log scale."));
            GenericView.figuresTable(phases, "Connect phases during the storm (ms)", html);
        }
        JsonNode curve = s.path("open_curve");
        if (curve.isArray() && curve.size() > 1) {
            html.element("h3", "Open connections during the storm");
            charts.place(html, openCurve(curve, clients, withinMs, charts.freshId("connect-storm-open")));
        }
        new GenericView(charts, "connect_storm").render(s, DRAWN, html);
    }

    /** The sampled curve, with the even ramp asked for (clients × t / window, capped at clients). */
    private static ChartSpec openCurve(JsonNode curve, double clients, double withinMs, String id) {
        List<Double> xs = new ArrayList<>();
        List<Double> open = new ArrayList<>();
        List<Double> ramp = new ArrayList<>();
        double last = Double.NEGATIVE_INFINITY;
        for (JsonNode p : curve) {
            double t = Json.number(p, "t_ms");
            if (Double.isNaN(t) || t <= last) {
                continue;
            }
            last = t;
            xs.add(t);
            JsonNode o = p.path("open");
            open.add(o.isNumber() ? o.doubleValue() : null);
            ramp.add(clients > 0 && withinMs > 0 ? Math.min(clients, clients * t / withinMs) : null);
        }
        ChartSpec chart = ChartSpec.of(id, ChartSpec.Kind.XY, "Open connections (sampled every 100 ms)",
                        "time since the storm began (ms)")
                .x(xs)
                .description("Open connections against time since the storm began, with the even ramp asked for.")
                .scale(new ChartSpec.Scale("n", "open connections", false, "left", true))
                .series(new ChartSpec.Series("open", "n", Palette.color(0), null, "line", open));
        if (ramp.stream().anyMatch(v -> v != null)) {
            chart.series(new ChartSpec.Series("asked (even ramp)", "n", Palette.color(6), List.of(6, 4), "line", ramp));
        }
        return chart;
    }
}
