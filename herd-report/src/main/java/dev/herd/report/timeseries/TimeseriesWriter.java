package dev.herd.report.timeseries;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herd.engine.metrics.IntervalListener;
import dev.herd.engine.metrics.IntervalSnapshot;
import dev.herd.report.summary.SummaryJsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one {@link TimeseriesPoint} per second and writes {@code timeseries.json}: after every
 * interval (so an interrupted run keeps what it had) and at the end. Reporter thread only.
 */
public final class TimeseriesWriter implements IntervalListener {

    private final Path file;
    private final List<TimeseriesPoint> points = new ArrayList<>();

    public TimeseriesWriter(Path file) {
        this.file = file;
    }

    @Override
    public void onInterval(IntervalSnapshot snapshot) {
        points.add(TimeseriesPoint.of(snapshot));
        write();
    }

    @Override
    public void onFinish() {
        write();
    }

    public List<TimeseriesPoint> points() {
        return List.copyOf(points);
    }

    /** The file's content for {@code points}: the interval length and one object per second. */
    public static ObjectNode toJson(List<TimeseriesPoint> points) {
        ObjectNode root = SummaryJsonWriter.MAPPER.createObjectNode();
        root.put("interval_ms", 1000);
        root.set("points", SummaryJsonWriter.MAPPER.valueToTree(points));
        return root;
    }

    private void write() {
        ObjectNode root = toJson(points);
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            SummaryJsonWriter.MAPPER.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
