package dev.herd.report.live;

import dev.herd.engine.metrics.IntervalListener;
import dev.herd.engine.metrics.IntervalSnapshot;
import dev.herd.report.summary.SummaryJsonWriter;
import dev.herd.report.timeseries.TimeseriesPoint;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * {@code --output jsonl}: one JSON object per second on stdout, the same figures as a {@code timeseries.json}
 * point, for other tools to consume while the run goes on.
 */
public final class JsonLinesWriter implements IntervalListener {

    private final PrintWriter out;

    public JsonLinesWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onInterval(IntervalSnapshot snapshot) {
        try {
            out.println(SummaryJsonWriter.MAPPER.writer().without(
                    com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(TimeseriesPoint.of(snapshot)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
