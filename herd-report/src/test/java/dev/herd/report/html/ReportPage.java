package dev.herd.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A written page as tests read it: its text and its embedded data. */
public record ReportPage(String html, JsonNode data) {

    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"herd-data\">(.*?)</script>", Pattern.DOTALL);

    public static ReportPage read(Path page) {
        try {
            String html = Files.readString(page);
            Matcher m = DATA.matcher(html);
            if (!m.find()) {
                throw new AssertionError("no embedded data in " + page);
            }
            return new ReportPage(html, RunFixtures.MAPPER.readTree(m.group(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of the charts in the embedded data. */
    public List<String> chartIds() {
        List<String> ids = new ArrayList<>();
        data.path("charts").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    public JsonNode chart(String id) {
        for (JsonNode c : data.path("charts")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no chart " + id + " among " + chartIds());
    }

    /** The labels of a chart's series. */
    public List<String> seriesLabels(String chartId) {
        List<String> labels = new ArrayList<>();
        chart(chartId).path("series").forEach(s -> labels.add(s.path("label").asText()));
        return labels;
    }
}
