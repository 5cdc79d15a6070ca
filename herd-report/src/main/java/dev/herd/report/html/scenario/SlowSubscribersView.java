package dev.herd.report.html.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.Charts;
import dev.herd.report.html.Figures;
import dev.herd.report.html.Html;
import dev.herd.report.html.Json;
import dev.herd.report.html.RunFiles;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code slow_subscribers}: some subscribers stall while the rest should carry on. The verdict on how the
 * target treats the healthy ones (the classification, with its evidence), and the healthy subscribers'
 * latency before, during and after the stall side by side. The stalled ones' latency is in the latency
 * distribution section.
 */
final class SlowSubscribersView implements ScenarioView {

    private static final String[] WHEN = {"before", "during", "after"};

    @Override
    public String key() {
        return "slow_subscribers";
    }

    @Override
    public String title() {
        return "Slow subscribers";
    }

    @Override
    public void render(JsonNode s, RunFiles run, Html html, Charts charts) {
        html.element("p", "Some subscribers stopped reading while the others carried on. A well-behaved target "
                + "isolates them: the healthy subscribers' latency during the stall stays close to before it. "
                + "Latency that rises during the stall (and recovers after) means one slow reader slows everyone.",
                "class", "explain");
        Set<String> drawn = new HashSet<>();
        classification(s, html, drawn);
        Map<String, JsonNode> sets = new LinkedHashMap<>();
        findPhases(s, "", sets, drawn);
        if (!sets.isEmpty()) {
            html.element("h3", "Healthy subscribers' latency before, during and after the stall");
            charts.place(html, ViewSupport.percentilesSideBySide(charts.freshId("slow-healthy"),
                            "Healthy subscribers' latency", sets)
                    .description("Latency percentiles of the healthy subscribers before, during and after the stall, "
                            + "milliseconds on a log scale."));
            com.fasterxml.jackson.databind.node.ObjectNode table =
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            sets.forEach(table::set);
            GenericView.figuresTable(table, "Healthy subscribers' latency (ms)", html);
        }
        new GenericView(charts, "slow_subscribers").render(s, drawn, html);
    }

    /** A textual classification (any key with "class" or "verdict" in it) and its evidence. */
    private static void classification(JsonNode s, Html html, Set<String> drawn) {
        for (Map.Entry<String, JsonNode> e : s.properties()) {
            String k = e.getKey();
            if ((k.contains("class") || k.equals("verdict") || k.equals("behaviour") || k.equals("behavior"))
                    && e.getValue().isTextual()) {
                drawn.add(k);
                html.open("p", "class", "classification")
                        .element("span", Figures.label(k) + ": ", "class", "label")
                        .element("strong", e.getValue().asText())
                        .close("p");
            }
        }
        JsonNode evidence = s.path("evidence");
        if (evidence.isArray() && evidence.size() > 0 && evidence.get(0).isValueNode()) {
            drawn.add("evidence");
            html.element("h3", "Evidence").open("ul", "class", "evidence");
            evidence.forEach(v -> html.element("li", v.asText()));
            html.close("ul");
        } else if (evidence.isTextual()) {
            drawn.add("evidence");
            html.element("p", evidence.asText(), "class", "evidence");
        }
    }

    /**
     * Finds before/during/after latency figures wherever they sit: {@code healthy_latency: {before: H, …}}, or
     * {@code healthy_latency_before: H} beside the others. Top-level keys used are added to {@code drawn}.
     */
    private static void findPhases(JsonNode node, String topKey, Map<String, JsonNode> sets, Set<String> drawn) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            String top = topKey.isEmpty() ? k : topKey;
            String when = when(k);
            if (when != null && Json.hasNumbers(v) && (v.has("p50") || v.has("p99"))) {
                sets.put(when, v);
                drawn.add(top);
            } else if (v.isObject() && topKey.isEmpty() && k.contains("healthy")) {
                Map<String, JsonNode> inner = new LinkedHashMap<>();
                findPhases(v, k, inner, new HashSet<>());
                sets.putAll(inner);
                if (!inner.isEmpty() && inner.size() == v.size()) {
                    drawn.add(k); // nothing else in it: the generic part need not repeat it
                }
            }
        }
    }

    private static String when(String key) {
        for (String w : WHEN) {
            if (key.equals(w) || key.endsWith("_" + w) || key.startsWith(w + "_")) {
                return w;
            }
        }
        return null;
    }
}
