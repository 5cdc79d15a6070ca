package dev.herd.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * The processes a merged result was made of ({@code merged_from}: {@code --workers N} or {@code herd merge}), one
 * row each, linking to each one's own report when it sits next to this one, so a reader can see which process
 * lost messages or was not trustworthy.
 */
final class WorkersSection implements ReportSection {

    @Override
    public String id() {
        return "workers";
    }

    @Override
    public String title() {
        return "Processes";
    }

    @Override
    public boolean appliesTo(RunFiles run) {
        return run.summary().path("merged_from").isArray() && !run.summary().path("merged_from").isEmpty();
    }

    @Override
    public void render(RunFiles run, Html html, Charts charts) {
        JsonNode workers = run.summary().path("merged_from");
        html.element("p", "This result merges " + workers.size() + " herd processes of run "
                + run.summary().path("run_id").asText("?") + ": counts are their sums, percentiles come from their "
                + "interval logs added together.");
        html.open("div", "class", "table-wrap", "tabindex", "0", "role", "region", "aria-label", "processes")
                .open("table", "class", "matrix");
        html.element("caption", "Each process's own figures");
        html.open("thead").open("tr");
        for (String column : new String[] {"process", "role", "established", "received", "lost", "trustworthy",
                "verdict", "started"}) {
            html.element("th", column, "scope", "col");
        }
        html.close("tr").close("thead").open("tbody");
        for (JsonNode w : workers) {
            String directory = w.path("directory").asText("");
            html.open("tr").open("th", "scope", "row");
            String link = reportLink(run.directory(), directory);
            if (link != null) {
                html.element("a", name(directory), "href", link);
            } else {
                html.text(directory);
            }
            html.close("th");
            html.element("td", w.path("role").asText(""));
            html.element("td", Figures.number(w.path("established").asDouble()));
            html.element("td", Figures.number(w.path("received").asDouble()));
            html.element("td", Figures.number(w.path("lost").asDouble()));
            html.element("td", w.path("trustworthy").asBoolean() ? "yes" : "no");
            html.element("td", w.path("verdict").asText(""));
            html.element("td", w.path("started").asText(""));
            html.close("tr");
        }
        html.close("tbody").close("table").close("div");
    }

    /** A relative link to the process's report.html when its directory is inside this one (--workers), else null. */
    static String reportLink(Path resultsDir, String processDir) {
        if (resultsDir == null || processDir.isEmpty()) {
            return null;
        }
        try {
            Path base = resultsDir.toAbsolutePath().normalize();
            Path dir = Path.of(processDir).toAbsolutePath().normalize();
            if (!dir.startsWith(base)) {
                return null;
            }
            return base.relativize(dir).resolve("report.html").toString().replace('\\', '/');
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String name(String directory) {
        Path p = Path.of(directory).getFileName();
        return p == null ? directory : p.toString();
    }
}
