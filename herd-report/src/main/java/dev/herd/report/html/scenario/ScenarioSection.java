package dev.herd.report.html.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.Charts;
import dev.herd.report.html.Figures;
import dev.herd.report.html.Html;
import dev.herd.report.html.ReportSection;
import dev.herd.report.html.RunFiles;
import java.util.Set;

/**
 * A scenario section of summary.json as a report section: its specific view when there is one, the generic
 * view otherwise (and when the specific view fails on an unexpected shape, so one odd section never costs
 * the page).
 */
public final class ScenarioSection implements ReportSection {

    private final String key;
    private final ScenarioView view;

    /** @param view the specific view, or null for the generic one */
    public ScenarioSection(String key, ScenarioView view) {
        this.key = key;
        this.view = view;
    }

    @Override
    public String id() {
        return "scenario-" + key.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    @Override
    public String title() {
        return view != null ? view.title() : "Scenario: " + Figures.label(key);
    }

    @Override
    public boolean appliesTo(RunFiles run) {
        return run.summary().has(key);
    }

    @Override
    public void render(RunFiles run, Html html, Charts charts) {
        JsonNode section = run.summary().path(key);
        if (view != null && section.isObject()) {
            Html own = new Html();
            int mark = charts.mark();
            try {
                view.render(section, run, own, charts);
                html.raw(own.toString());
                return;
            } catch (RuntimeException e) {
                charts.rollBack(mark);
                html.element("p", "This section's specific view could not read it (" + e
                        + "); its keys follow as they are.", "class", "callout warn");
            }
        }
        new GenericView(charts, id()).render(section, Set.of(), html);
    }
}
