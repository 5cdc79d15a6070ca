package dev.herd.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * summary.json as it is, folded away at the end of the page: every figure, including those no section draws.
 * The same data is embedded in the page as JSON ({@code <script id="herd-data">}) for scripts.
 */
public final class RawSummarySection implements ReportSection {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String id() {
        return "summary-json";
    }

    @Override
    public String title() {
        return "summary.json";
    }

    @Override
    public boolean appliesTo(RunFiles run) {
        return true;
    }

    @Override
    public void render(RunFiles run, Html html, Charts charts) {
        String json;
        try {
            json = PRETTY.writeValueAsString(run.summary());
        } catch (JsonProcessingException e) {
            json = run.summary().toString();
        }
        html.open("details").element("summary", "The whole file (" + run.summary().size() + " keys)")
                .element("pre", json, "class", "json")
                .close("details");
    }
}
