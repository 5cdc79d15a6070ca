package dev.herd.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.chart.ChartSpec.Scale;
import dev.herd.report.html.chart.TimeSeriesChart;
import java.util.List;

/**
 * Messages over time: published per second (right axis) and delivered per second (left axis; a broadcast
 * delivers each message to every subscriber of its topic), publish failures and losses when the file has
 * them; then every message count of the run.
 */
public final class MessagesSection extends TimeSeriesSection {

    @Override
    public String id() {
        return "messages";
    }

    @Override
    public String title() {
        return "Messages over time";
    }

    @Override
    protected List<TimeSeriesChart> charts() {
        return List.of(new TimeSeriesChart("messages", "Messages per second")
                .description("Deliveries received per second (left axis) and messages published, failed and lost "
                        + "per second (right axis) over the run.")
                .scale(new Scale("delivered", "deliveries per second", false, "left", true))
                .scale(new Scale("published", "published per second", false, "right", true))
                .line("received_per_second", "delivered/s", "delivered")
                .line(new TimeSeriesChart.Line("sent_per_second", "published/s", "published", 1, null, List.of(6, 4)))
                .line("publish_failed_per_second", "publish failed/s", "published")
                .line("lost_per_second", "lost/s", "delivered")
                .line("duplicated_per_second", "duplicated/s", "delivered"));
    }

    @Override
    public boolean appliesTo(RunFiles run) {
        JsonNode m = run.summary().path("messages");
        boolean anyMessages = Json.number(m, "published") > 0 || Json.number(m, "received") > 0
                || Json.number(m, "expected") > 0;
        boolean anyPoints = run.points().stream().anyMatch(p -> p.path("sent_per_second").doubleValue() > 0
                || p.path("received_per_second").doubleValue() > 0);
        return anyMessages || anyPoints;
    }

    @Override
    public void render(RunFiles run, Html html, Charts charts) {
        if (!run.points().isEmpty()) {
            placeCharts(run, html, charts);
        }
        JsonNode m = run.summary().path("messages");
        if (m.isObject()) {
            double lost = Json.number(m, "lost");
            if (lost > 0) {
                html.element("p", Figures.number(lost) + " expected deliveries never arrived (lost).", "class",
                        "callout bad");
            }
            KeyValueTable t = new KeyValueTable("Message counts over the run");
            m.properties().forEach(e -> ConnectionsSection.add(t, e.getKey(), e.getValue()));
            t.render(html);
        }
    }
}
