package dev.herd.report.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.result.ConnectionCounts;
import dev.herd.engine.result.GeneratorReport;
import dev.herd.engine.result.HistogramSummary;
import dev.herd.engine.result.MessageCounts;
import dev.herd.engine.result.PublisherCounts;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.result.TargetInfo;
import dev.herd.engine.result.ThresholdResult;
import dev.herd.engine.threshold.ThresholdExpression;
import dev.herd.engine.threshold.ThresholdOutcome;
import dev.herd.engine.threshold.ThresholdParser;
import dev.herd.engine.threshold.ThresholdVerdict;
import dev.herd.report.junit.JUnitXmlWriter;
import dev.herd.report.summary.SummaryJsonWriter;
import dev.herd.report.timeseries.TimeseriesPoint;
import dev.herd.report.timeseries.TimeseriesWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.json, timeseries.json and junit.xml as their writers produce them for a fixed result, compared with the
 * golden files: scripts and CI systems read these files, so a renamed key or a changed format is a broken contract.
 */
class ResultWritersGoldenTest {

    @TempDir
    Path dir;

    @Test
    void summaryJsonKeepsItsKeysAndFormat() throws Exception {
        Path file = dir.resolve("summary.json");
        new SummaryJsonWriter().write(result(), file);
        GoldenFile.assertMatches("summary.json", Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void timeseriesJsonKeepsItsKeysAndFormat() throws Exception {
        List<TimeseriesPoint> points = List.of(
                new TimeseriesPoint(1.0, "connect", 48, 50, 48.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0.0, 0.0, 0.0, 0.0,
                        0.0, 12.5, 0.8, 31.5, 4, 52_428_800L, 121),
                new TimeseriesPoint(2.0, "publish", 50, 50, 2.0, 0.0, 0.0, 0.0, 200.0, 5000.0, 0.0, 5000, 1.25, 2.5,
                        4.75, 9.5, 3.25, 0.0, 1.2, 44.0, 0, 60_817_408L, 123));
        Path file = dir.resolve("timeseries.json");
        TimeseriesWriter writer = new TimeseriesWriter(file);
        for (TimeseriesPoint p : points) {
            writer.append(p);
            // Whole JSON after every point: an interrupted run keeps a file that parses.
            assertThat(SummaryJsonWriter.MAPPER.readTree(file.toFile()).path("points").size())
                    .isEqualTo(writer.points().size());
        }
        writer.onFinish();
        GoldenFile.assertMatches("timeseries.json", Files.readString(file, StandardCharsets.UTF_8) + "\n");
    }

    @Test
    void aRunWithoutIntervalsHasAnEmptySeries() throws Exception {
        Path file = dir.resolve("timeseries.json");
        new TimeseriesWriter(file).onFinish();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo("{\n  \"interval_ms\" : 1000,\n  \"points\" : [ ]\n}");
    }

    @Test
    void junitXmlKeepsOneCasePerThresholdAndItsFailureNote() throws Exception {
        ThresholdExpression held = ThresholdParser.parse("latency.p99 < 50ms");
        ThresholdExpression failed = ThresholdParser.parse("messages.lost == 0");
        ThresholdVerdict verdict = new ThresholdVerdict(List.of(new ThresholdOutcome(held, 12.5, true, ""),
                new ThresholdOutcome(failed, 3, false, "messages.lost was 3")));
        Path file = dir.resolve("junit.xml");
        new JUnitXmlWriter().write("broadcast", 12.345, verdict, true, file);
        GoldenFile.assertMatches("junit.xml", Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void junitXmlOfARunWithoutThresholdsHasOnePassingCase() throws Exception {
        Path file = dir.resolve("junit.xml");
        new JUnitXmlWriter().write("steady", 60.0, new ThresholdVerdict(List.of()), false, file);
        GoldenFile.assertMatches("junit-no-thresholds.xml", Files.readString(file, StandardCharsets.UTF_8));
    }

    /** A broadcast over a protocol with every common section filled with distinct figures. */
    static RunResult result() {
        HistogramSummary latency = new HistogramSummary(10000, 0.812, 1.25, 2.5, 3.125, 4.75, 9.5, 12.0, 1.5);
        HistogramSummary serviceTime = new HistogramSummary(10000, 0.5, 0.75, 1.5, 2.0, 3.25, 6.5, 8.0, 0.9);
        Map<String, HistogramSummary> connect = new LinkedHashMap<>();
        connect.put("dns", new HistogramSummary(50, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0));
        connect.put("tcp", new HistogramSummary(50, 0.1, 0.2, 0.3, 0.35, 0.4, 0.4, 0.4, 0.21));
        connect.put("upgrade", new HistogramSummary(50, 0.9, 1.1, 1.8, 2.0, 2.4, 2.4, 2.4, 1.2));
        connect.put("subscribe", new HistogramSummary(48, 1.5, 2.0, 3.0, 3.5, 4.0, 4.0, 4.0, 2.2));
        connect.put("first_message", new HistogramSummary(48, 3.0, 5.0, 7.0, 8.0, 9.0, 9.0, 9.0, 5.5));
        connect.put("total", new HistogramSummary(48, 2.5, 3.5, 5.0, 5.5, 6.0, 6.0, 6.0, 3.6));
        connect.put("reconnect", HistogramSummary.EMPTY);
        // Ordered maps, as herd's own are: Map.of's order changes from one JVM to the next.
        Map<String, Long> byReason = new TreeMap<>(Map.of("subscribe_rejected", 2L, "subscribe_timeout", 2L));
        ConnectionCounts connections = new ConnectionCounts(52, 48, 4, byReason, new TreeMap<>(Map.of("subscribe",
                byReason)), 1, 0, new TreeMap<>(Map.of("close_frame", 1L)), 47, 0, 0, 48, 48,
                new TreeMap<>(Map.of("1000", 1L)), new ConnectionCounts.Subscriptions(48, 2));
        MessageCounts messages = new MessageCounts(400, 9600, 9598, 2, 1, 2, 0, 1, 0, 0, 12, 0, 0, 0, 0, 0,
                1_228_800);
        GeneratorReport generator = new GeneratorReport(8.5, 1.25, 21.5, 48.0, 12.0, 6.0, 83_886_080L, 160, 20000,
                52, 28232, 2, true, List.of());
        Map<String, Object> sections = new LinkedHashMap<>();
        sections.put("custom_section", new TreeMap<>(Map.of("figure", 1)));
        return new RunResult("broadcast", "0c0ffee0", "2026-12-06T21:00:00Z", 12345, 1, "both",
                new TargetInfo("ws://127.0.0.1:9001/mqtt?access_token=***", "websocket", null, "mqtt"),
                connections, connect, messages, latency, serviceTime,
                new PublisherCounts("websocket", "ws://127.0.0.1:9001/mqtt?access_token=***", 2, 2, 0, 0),
                generator, List.of(new ThresholdResult("latency.p99 < 50ms", 4.75, true)), "pass", false, sections);
    }
}
