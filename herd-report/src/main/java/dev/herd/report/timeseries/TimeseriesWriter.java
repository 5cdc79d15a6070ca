package dev.herd.report.timeseries;

import dev.herd.engine.metrics.IntervalListener;
import dev.herd.engine.metrics.IntervalSnapshot;
import dev.herd.report.summary.SummaryJsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code timeseries.json}, one {@link TimeseriesPoint} per second, so that after every interval the file is
 * whole JSON (an interrupted run keeps what it had). Each interval writes its own point and the closing brackets over
 * the last closing brackets: the cost of a second does not grow with the run (rewriting every point each second did,
 * and was most of the reporter's work an hour into a soak). The format is what Jackson's pretty printer gives the
 * whole document ({@code ResultWritersGoldenTest}). Reporter thread only.
 */
public final class TimeseriesWriter implements IntervalListener {

    private static final String HEAD = "{\n  \"interval_ms\" : 1000,\n  \"points\" : [ ";
    private static final String TAIL = " ]\n}";

    private final Path file;
    private final List<TimeseriesPoint> points = new ArrayList<>();
    private FileChannel channel;
    /** Where the closing brackets begin: the next point is written there. */
    private long tailAt;

    public TimeseriesWriter(Path file) {
        this.file = file;
    }

    @Override
    public void onInterval(IntervalSnapshot snapshot) {
        append(TimeseriesPoint.of(snapshot));
    }

    /** Adds a point to the file, which stays whole JSON. */
    public void append(TimeseriesPoint point) {
        try {
            // A point at the array's depth: Jackson indents it two more than a document of its own.
            String json = SummaryJsonWriter.MAPPER.writeValueAsString(point).replace("\n", "\n  ");
            String piece = (points.isEmpty() ? "" : ", ") + json;
            points.add(point);
            byte[] bytes = (piece + TAIL).getBytes(StandardCharsets.UTF_8);
            open().write(ByteBuffer.wrap(bytes), tailAt);
            tailAt += bytes.length - TAIL.length();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onFinish() {
        try {
            if (channel == null) {
                // No interval ended: an empty series.
                open().write(ByteBuffer.wrap("]\n}".getBytes(StandardCharsets.UTF_8)), tailAt);
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<TimeseriesPoint> points() {
        return List.copyOf(points);
    }

    private FileChannel open() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            byte[] head = HEAD.getBytes(StandardCharsets.UTF_8);
            channel.write(ByteBuffer.wrap(head), 0);
            tailAt = head.length;
        }
        return channel;
    }
}
