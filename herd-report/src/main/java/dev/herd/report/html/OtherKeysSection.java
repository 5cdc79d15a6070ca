package dev.herd.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.scenario.GenericView;
import java.util.Map;
import java.util.Set;

/**
 * Top-level keys of summary.json that are neither the common ones nor a section (an object): plain values
 * and arrays someone added, shown so that nothing in the file goes unseen.
 */
public final class OtherKeysSection implements ReportSection {

    private final Set<String> known;

    /** @param known top-level keys drawn elsewhere */
    public OtherKeysSection(Set<String> known) {
        this.known = Set.copyOf(known);
    }

    @Override
    public String id() {
        return "other-keys";
    }

    @Override
    public String title() {
        return "Other figures";
    }

    @Override
    public boolean appliesTo(RunFiles run) {
        for (Map.Entry<String, JsonNode> e : run.summary().properties()) {
            if (isOther(e)) {
                return true;
            }
        }
        return false;
    }

    private boolean isOther(Map.Entry<String, JsonNode> e) {
        return !known.contains(e.getKey()) && !e.getValue().isObject();
    }

    @Override
    public void render(RunFiles run, Html html, Charts charts) {
        com.fasterxml.jackson.databind.node.ObjectNode others = run.summary().objectNode();
        run.summary().properties().forEach(e -> {
            if (isOther(e)) {
                others.set(e.getKey(), e.getValue());
            }
        });
        new GenericView(charts, "other").render(others, Set.of(), html);
    }
}
