package dev.herd.engine.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one run: what summary.json holds (DESIGN.md). Times in milliseconds. Scenario-specific
 * sections ({@code fanout}, {@code reconnect_storm}, …) are in {@link #sections()}, keyed by their
 * summary.json name, and sit beside the common keys in the file. {@code role} is what this process did in a run
 * split over processes ({@code both}, {@code publisher}, {@code subscriber}; {@code merged} for {@code herd merge}).
 */
public record RunResult(
        String scenario,
        String runId,
        String started,
        long durationMs,
        int workers,
        String role,
        TargetInfo target,
        ConnectionCounts connections,
        Map<String, HistogramSummary> connect,
        MessageCounts messages,
        HistogramSummary latency,
        HistogramSummary serviceTime,
        PublisherCounts publishers,
        GeneratorReport generator,
        List<ThresholdResult> thresholds,
        String verdict,
        boolean interrupted,
        Map<String, Object> sections) {

    public RunResult {
        connect = Collections.unmodifiableMap(new LinkedHashMap<>(connect));
        thresholds = List.copyOf(thresholds);
        sections = new LinkedHashMap<>(sections);
    }

    /** True when every threshold held (or there were none): summary.json's {@code verdict} is {@code pass}. */
    public boolean passed() {
        return "pass".equals(verdict);
    }

    /** The threshold results that failed, in the order they were given. */
    public List<ThresholdResult> failedThresholds() {
        return thresholds.stream().filter(t -> !t.passed()).toList();
    }

    /** A copy with thresholds evaluated and the verdict set. */
    public RunResult withThresholds(List<ThresholdResult> results, String newVerdict) {
        return new RunResult(scenario, runId, started, durationMs, workers, role, target, connections, connect, messages, latency,
                serviceTime, publishers, generator, results, newVerdict, interrupted, sections);
    }

    /** A copy with one more scenario section. */
    public RunResult withSection(String key, Object section) {
        Map<String, Object> copy = new LinkedHashMap<>(sections);
        copy.put(key, section);
        return new RunResult(scenario, runId, started, durationMs, workers, role, target, connections, connect, messages, latency,
                serviceTime, publishers, generator, thresholds, verdict, interrupted, copy);
    }
}
