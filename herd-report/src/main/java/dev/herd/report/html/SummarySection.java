package dev.herd.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The top of the report: the verdict, the key figures, each threshold's outcome, whether the load generator
 * can be trusted (and why not), and what the run was.
 */
public final class SummarySection implements ReportSection {

    @Override
    public String id() {
        return "summary";
    }

    @Override
    public String title() {
        return "Summary";
    }

    @Override
    public boolean appliesTo(RunFiles run) {
        return true;
    }

    @Override
    public void render(RunFiles run, Html html, Charts charts) {
        ObjectNode s = run.summary();
        verdict(s, html);
        if (!run.notes().isEmpty()) {
            html.open("ul", "class", "notes");
            run.notes().forEach(n -> html.element("li", n));
            html.close("ul");
        }
        keyFigures(s).render(html);
        html.element("h3", "Thresholds");
        thresholds(s.path("thresholds"), html);
        html.open("div", "class", "grid2").open("div");
        html.element("h3", "Load generator");
        generator(s.path("generator"), html);
        html.close("div").open("div");
        html.element("h3", "Run");
        runDetails(s).singleColumn().render(html);
        html.close("div").close("div");
    }

    private static void verdict(ObjectNode s, Html html) {
        String verdict = Json.text(s, "verdict");
        String tone = "pass".equals(verdict) ? "good" : "fail".equals(verdict) ? "bad" : "warn";
        JsonNode thresholds = s.path("thresholds");
        boolean none = !thresholds.isArray() || thresholds.isEmpty();
        String text = "pass".equals(verdict) ? (none ? "PASS (no thresholds were set)" : "PASS: every threshold held")
                : "fail".equals(verdict) ? "FAIL: a threshold did not hold"
                : "verdict " + (verdict == null ? "unknown" : verdict);
        html.open("p", "class", "verdict " + tone, "id", "verdict").text(text);
        if (Boolean.TRUE.equals(Json.bool(s, "interrupted"))) {
            html.element("span", "interrupted: the figures cover what ran", "class", "badge warn");
        }
        if (Boolean.FALSE.equals(Json.bool(s, "generator.trustworthy"))) {
            html.element("span", "generator not trustworthy", "class", "badge warn");
        }
        html.close("p").newline();
    }

    static FigureCards keyFigures(JsonNode s) {
        FigureCards cards = new FigureCards();
        double attempted = Json.number(s, "connections.attempted");
        double established = Json.number(s, "connections.established");
        double failed = Json.number(s, "connections.failed");
        if (!Double.isNaN(established)) {
            cards.add("connections established", Figures.number(established),
                    Double.isNaN(attempted) ? null : "of " + Figures.number(attempted) + " attempts",
                    failed > 0 ? "bad" : null);
        }
        if (failed > 0) {
            cards.add("connections failed", Figures.number(failed), null, "bad");
        }
        double peak = Json.number(s, "connections.peak_open");
        if (!Double.isNaN(peak)) {
            cards.add("peak open", Figures.number(peak));
        }
        double received = Json.number(s, "messages.received");
        double expected = Json.number(s, "messages.expected");
        if (!Double.isNaN(received) && (received > 0 || expected > 0)) {
            cards.add("deliveries received", Figures.number(received),
                    Double.isNaN(expected) ? null : "of " + Figures.number(expected) + " expected", null);
        }
        double lost = Json.number(s, "messages.lost");
        if (!Double.isNaN(lost) && (lost > 0 || expected > 0)) {
            cards.add("lost", Figures.number(lost), null, lost > 0 ? "bad" : "good");
        }
        if (Json.number(s, "latency.count") > 0) {
            cards.add("latency p50", Figures.ms(Json.number(s, "latency.p50")));
            cards.add("latency p99", Figures.ms(Json.number(s, "latency.p99")));
            cards.add("latency max", Figures.ms(Json.number(s, "latency.max")));
        }
        if (Json.number(s, "service_time.count") > 0) {
            cards.add("service time p99", Figures.ms(Json.number(s, "service_time.p99")));
        }
        if (Json.number(s, "connect.total.count") > 0) {
            cards.add("connect p99", Figures.ms(Json.number(s, "connect.total.p99")), "start → open", null);
        }
        double duration = Json.number(s, "duration_ms");
        if (!Double.isNaN(duration)) {
            cards.add("duration", Figures.number(Math.round(duration / 100.0) / 10.0) + " s");
        }
        return cards;
    }

    private static void thresholds(JsonNode thresholds, Html html) {
        if (!thresholds.isArray() || thresholds.isEmpty()) {
            html.element("p", "No thresholds were set.", "class", "muted");
            return;
        }
        html.open("div", "class", "table-wrap").open("table", "class", "thresholds")
                .element("caption", "Each threshold against the run's figure")
                .open("thead").open("tr")
                .element("th", "threshold", "scope", "col").element("th", "actual", "scope", "col")
                .element("th", "result", "scope", "col")
                .close("tr").close("thead").open("tbody");
        for (JsonNode t : thresholds) {
            String expression = t.isObject() ? Json.text(t, "expression") : t.asText();
            Boolean passed = Json.bool(t, "passed");
            String result = passed == null ? "unknown" : passed ? "✓ passed" : "✗ failed";
            html.open("tr", "class", passed == null ? null : passed ? "good" : "bad")
                    .element("td", expression == null ? "?" : expression, "class", "code")
                    .element("td", Figures.number(Json.number(t, "actual")))
                    .element("td", result)
                    .close("tr");
        }
        html.close("tbody").close("table").close("div").newline();
    }

    private static void generator(JsonNode g, Html html) {
        Boolean trustworthy = Json.bool(g, "trustworthy");
        if (trustworthy == null) {
            html.element("p", "Unknown whether the generator kept up (summary.json has no generator.trustworthy).",
                    "class", "callout warn");
        } else if (trustworthy) {
            html.element("p", "Trustworthy: herd kept up with the load, so the figures describe the target.",
                    "class", "callout good");
        } else {
            html.open("div", "class", "callout bad")
                    .element("p", "Not trustworthy: herd itself was a bottleneck, so latencies may be herd's, not the "
                            + "target's. Give the generator more CPU or less load (or more workers).")
                    .open("ul");
            JsonNode reasons = g.path("reasons");
            if (reasons.isArray() && !reasons.isEmpty()) {
                reasons.forEach(r -> html.element("li", r.asText()));
            } else {
                html.element("li", "no reason given");
            }
            html.close("ul").close("div");
        }
        KeyValueTable t = new KeyValueTable(null);
        if (g.isObject()) {
            g.properties().forEach(e -> {
                if (e.getValue().isNumber()) {
                    t.row(Figures.label(e.getKey()), Figures.byKey(e.getKey(), e.getValue().doubleValue()));
                }
            });
        }
        t.render(html);
    }

    private static KeyValueTable runDetails(JsonNode s) {
        KeyValueTable t = new KeyValueTable(null);
        addText(t, "scenario", Json.text(s, "scenario"));
        addText(t, "run id", Json.text(s, "run_id"));
        addText(t, "target", Json.text(s, "target.url"));
        addText(t, "protocol", Json.text(s, "target.protocol"));
        String wire = Json.text(s, "target.wire_protocol");
        if (wire != null && !wire.equals("raw")) {
            t.row("spoken over it", wire);
        }
        JsonNode subscriptions = s.path("connections").path("subscriptions");
        if (subscriptions.isObject()) {
            t.row("subscriptions", Figures.number(Json.number(subscriptions, "acknowledged")) + " acknowledged, "
                    + Figures.number(Json.number(subscriptions, "not_acknowledged")) + " not");
        }
        addText(t, "publish to", Json.text(s, "target.publish_url"));
        addText(t, "started", Json.text(s, "started"));
        double duration = Json.number(s, "duration_ms");
        if (!Double.isNaN(duration)) {
            t.row("duration", Figures.ms(duration));
        }
        addText(t, "workers", Json.text(s, "workers"));
        addText(t, "role", Json.text(s, "role"));
        JsonNode p = s.path("publishers");
        if (p.isObject()) {
            t.row("publishers", java.util.Objects.toString(Json.text(p, "protocol"), "?") + ", " + Figures.number(Json.number(p, "connections"))
                    + " connections, " + Figures.number(Json.number(p, "disconnects")) + " disconnects");
        }
        return t;
    }

    private static void addText(KeyValueTable t, String name, String value) {
        if (value != null) {
            t.row(name, value);
        }
    }
}
