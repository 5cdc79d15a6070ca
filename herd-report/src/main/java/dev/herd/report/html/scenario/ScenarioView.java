package dev.herd.report.html.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.Charts;
import dev.herd.report.html.Html;
import dev.herd.report.html.RunFiles;

/**
 * A specific view of one scenario section of summary.json ({@code connect_storm}, {@code fanout}, …). A view
 * draws the keys it knows in their best form and hands the rest to {@link GenericView}, so that a key added
 * later still shows, and a key missing costs only its own figure.
 */
public interface ScenarioView {

    /** The summary.json key of the section. */
    String key();

    /** The section's heading. */
    String title();

    /** Draws the section (an object, usually; anything else goes to the generic view). */
    void render(JsonNode section, RunFiles run, Html html, Charts charts);
}
