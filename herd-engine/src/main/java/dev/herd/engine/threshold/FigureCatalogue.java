package dev.herd.engine.threshold;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The figures a threshold may name: every number and boolean of summary.json by its dotted path, the derived rates,
 * and the figures scenario sections add. Immutable; the {@code with…} methods return a larger copy.
 *
 * <pre>{@code
 * FigureCatalogue catalogue = FigureCatalogue.standard()
 *         .withSection("soak", Map.of("memory_growth", FigureKind.NUMBER));
 * ThresholdExpression t = ThresholdParser.parse("soak.memory_growth < 1.5", catalogue);
 * }</pre>
 *
 * <p>Figures of a section added with {@link #withSection} are taken as able to go down during a run, so a threshold
 * on one with {@code abort_on_fail} aborts only on a failing live value; register a count or a maximum with
 * {@link Figure#growing} through {@link #withFigure} to let it abort as soon as it is lost for good.
 */
public final class FigureCatalogue {

    /** The statistics of a histogram object ({@code H} in DESIGN.md), in the order summary.json writes them. */
    static final List<String> HISTOGRAM_KEYS = List.of("count", "min", "p50", "p90", "p95", "p99", "p999", "max", "mean");

    private static final FigureCatalogue STANDARD = buildStandard();

    private final Map<String, Figure> figures;

    private FigureCatalogue(Map<String, Figure> figures) {
        this.figures = figures;
    }

    /** No figures at all; for tests and for callers that build their own. */
    public static FigureCatalogue empty() {
        return new FigureCatalogue(Map.of());
    }

    /** The figures of every run's summary.json, the derived rates, and the built-in scenarios' sections. */
    public static FigureCatalogue standard() {
        return STANDARD;
    }

    /** A copy with one more figure. Adding the same figure again is a no-op; a different one on its path is an error. */
    public FigureCatalogue withFigure(Figure figure) {
        Objects.requireNonNull(figure, "figure");
        Figure known = figures.get(figure.path());
        if (figure.equals(known)) {
            return this;
        }
        if (known != null) {
            throw new IllegalArgumentException("figure '" + figure.path() + "' is already in the catalogue as "
                    + known.kind().description());
        }
        Map<String, Figure> copy = new LinkedHashMap<>(figures);
        copy.put(figure.path(), figure);
        return new FigureCatalogue(Collections.unmodifiableMap(copy));
    }

    /**
     * A copy with a scenario section's figures, e.g. {@code withSection("fanout", Map.of("p99_growth", NUMBER))}
     * for {@code fanout.p99_growth}. Pass a {@link LinkedHashMap} to keep the keys in order in {@link #figures()}.
     */
    public FigureCatalogue withSection(String section, Map<String, FigureKind> keys) {
        FigureCatalogue result = this;
        for (Map.Entry<String, FigureKind> key : keys.entrySet()) {
            result = result.withFigure(Figure.of(section + "." + key.getKey(), key.getValue()));
        }
        return result;
    }

    /** A copy with the statistics of a histogram object at {@code path}: {@code count}, {@code min}, … {@code mean}. */
    public FigureCatalogue withHistogram(String path) {
        FigureCatalogue result = this;
        for (String key : HISTOGRAM_KEYS) {
            String statistic = path + "." + key;
            Figure figure = switch (key) {
                // A count of 0 is a real figure; the other statistics of an empty histogram are not measurements.
                case "count" -> Figure.growing(statistic, FigureKind.COUNT);
                case "max" -> new Figure(statistic, FigureKind.TIME, true, Figure.Source.HISTOGRAM_STATISTIC);
                default -> new Figure(statistic, FigureKind.TIME, false, Figure.Source.HISTOGRAM_STATISTIC);
            };
            result = result.withFigure(figure);
        }
        return result;
    }

    /** The figure at {@code path}, or empty when the catalogue has none there. */
    public Optional<Figure> find(String path) {
        return Optional.ofNullable(figures.get(path));
    }

    /** Every figure, in catalogue order (summary.json's order). */
    public List<Figure> figures() {
        return List.copyOf(figures.values());
    }

    /**
     * The known path {@code unknownPath} most likely meant: one a few edits away (case aside), else one it is the
     * tail of ({@code p99} → {@code latency.p99}), else a statistic of the section it names ({@code latency} →
     * {@code latency.p99}); empty when nothing is close.
     */
    public Optional<String> suggest(String unknownPath) {
        String wanted = unknownPath.toLowerCase(Locale.ROOT);
        // Allow about one slip per four characters, and at least two, so short names don't match anything.
        int allowed = Math.max(2, wanted.length() / 4);
        String closest = null;
        int closestDistance = Integer.MAX_VALUE;
        for (String path : figures.keySet()) {
            int distance = EditDistance.between(wanted, path);
            if (distance < closestDistance) {
                closest = path;
                closestDistance = distance;
            }
        }
        if (closest != null && closestDistance <= allowed) {
            return Optional.of(closest);
        }
        List<String> tails = new ArrayList<>();
        List<String> children = new ArrayList<>();
        for (String path : figures.keySet()) {
            if (path.endsWith("." + wanted)) {
                tails.add(path);
            }
            if (path.startsWith(wanted + ".")) {
                children.add(path);
            }
        }
        if (!tails.isEmpty()) {
            // The shortest is the most common figure: latency.p99 rather than connect.dns.p99.
            return tails.stream().min(Comparator.comparingInt(String::length));
        }
        // A histogram named whole: p99 is what people put thresholds on.
        return children.stream().filter(p -> p.endsWith(".p99")).findFirst().or(() -> children.stream().findFirst());
    }

    private static FigureCatalogue buildStandard() {
        FigureCatalogue c = empty()
                .withFigure(Figure.growing("duration_ms", FigureKind.TIME))
                .withFigure(Figure.of("workers", FigureKind.COUNT))
                .withFigure(Figure.of("interrupted", FigureKind.BOOLEAN));
        for (String key : List.of("attempted", "established", "failed", "closed_by_server", "closed_by_error",
                "closed_by_client", "reconnects", "reconnect_attempts", "peak_open")) {
            c = c.withFigure(Figure.growing("connections." + key, FigureKind.COUNT));
        }
        // Connections open now: falls whenever one closes.
        c = c.withFigure(Figure.of("connections.open_at_end", FigureKind.COUNT))
                .withFigure(DerivedRate.CONNECTIONS_FAILED.figure());
        for (String phase : List.of("dns", "tcp", "tls", "upgrade", "subscribe", "first_message", "total",
                "reconnect")) {
            c = c.withHistogram("connect." + phase);
        }
        for (String key : List.of("published", "expected", "received", "lost", "subscribers_with_loss",
                "max_lost_per_subscriber", "duplicated", "reordered",
                "publish_failed", "publish_skipped", "unstamped", "malformed_stamps", "other_run_stamps",
                "foreign_topic_stamps", "before_join_stamps", "negative_latencies", "received_bytes")) {
            c = c.withFigure(Figure.growing("messages." + key, FigureKind.COUNT));
        }
        c = c.withFigure(DerivedRate.MESSAGES_LOST.figure())
                .withFigure(DerivedRate.MESSAGES_DUPLICATED.figure())
                .withFigure(DerivedRate.MESSAGES_DELIVERED.figure())
                .withHistogram("latency")
                .withHistogram("service_time");
        for (String key : List.of("connections", "connects", "connect_failures", "disconnects")) {
            c = c.withFigure(Figure.growing("publishers." + key, FigureKind.COUNT));
        }
        // TLS runs only (wss://, https://): the subscribers' handshakes.
        c = c.withFigure(Figure.growing("tls.full", FigureKind.COUNT))
                .withFigure(Figure.growing("tls.resumed", FigureKind.COUNT))
                .withHistogram("tls.handshake.full")
                .withHistogram("tls.handshake.resumed");
        c = c.withFigure(Figure.growing("generator.max_event_loop_lag_ms", FigureKind.TIME))
                .withFigure(Figure.of("generator.event_loop_lag_p99_ms", FigureKind.TIME))
                .withFigure(Figure.of("generator.cpu_percent", FigureKind.NUMBER))
                .withFigure(Figure.growing("generator.peak_cpu_percent", FigureKind.NUMBER))
                .withFigure(Figure.growing("generator.gc_pause_ms", FigureKind.TIME))
                .withFigure(Figure.growing("generator.max_gc_pause_ms_per_second", FigureKind.NUMBER))
                .withFigure(Figure.growing("generator.peak_heap_bytes", FigureKind.COUNT))
                .withFigure(Figure.growing("generator.peak_open_file_descriptors", FigureKind.COUNT))
                .withFigure(Figure.of("generator.max_file_descriptors", FigureKind.COUNT))
                .withFigure(Figure.growing("generator.peak_client_sockets", FigureKind.COUNT))
                .withFigure(Figure.of("generator.ephemeral_port_range", FigureKind.COUNT))
                .withFigure(Figure.of("generator.event_loops", FigureKind.COUNT))
                .withFigure(Figure.of("generator.trustworthy", FigureKind.BOOLEAN));
        return withBuiltInScenarios(c);
    }

    private static FigureCatalogue withBuiltInScenarios(FigureCatalogue c) {
        return c.withFigure(Figure.of("connect_storm.achieved_rate", FigureKind.NUMBER))
                .withFigure(Figure.of("connect_storm.asked_rate", FigureKind.NUMBER))
                .withFigure(Figure.of("connect_storm.last_open_ms", FigureKind.TIME))
                .withFigure(Figure.of("connect_storm.established", FigureKind.COUNT))
                .withFigure(Figure.of("connect_storm.failed", FigureKind.COUNT))
                .withFigure(Figure.of("connect_storm.open_after_hold", FigureKind.COUNT))
                .withFigure(Figure.of("connect_storm.cpu_ms", FigureKind.TIME))
                .withFigure(Figure.of("connect_storm.cpu_us_per_connect", FigureKind.NUMBER))
                .withFigure(Figure.of("steady.drops_total", FigureKind.COUNT))
                .withFigure(Figure.of("steady.p99_max_ms", FigureKind.TIME))
                .withFigure(Figure.of("steady.p99_stability", FigureKind.NUMBER))
                .withFigure(Figure.of("reconnect_storm.recovered_50_ms", FigureKind.TIME))
                .withFigure(Figure.of("reconnect_storm.recovered_95_ms", FigureKind.TIME))
                .withFigure(Figure.of("reconnect_storm.recovered_100_ms", FigureKind.TIME))
                .withFigure(Figure.of("reconnect_storm.not_recovered", FigureKind.COUNT))
                .withFigure(Figure.growing("reconnect_storm.peak_attempts_per_second", FigureKind.NUMBER))
                .withFigure(Figure.growing("reconnect_storm.messages_lost", FigureKind.COUNT))
                .withFigure(Figure.of("reconnect_storm.tls.full", FigureKind.COUNT))
                .withFigure(Figure.of("reconnect_storm.tls.resumed", FigureKind.COUNT))
                .withFigure(Figure.of("fanout.p99_growth", FigureKind.NUMBER))
                .withFigure(Figure.of("slow_subscribers.healthy_p99_before_ms", FigureKind.TIME))
                .withFigure(Figure.of("slow_subscribers.healthy_p99_during_ms", FigureKind.TIME))
                .withFigure(Figure.of("slow_subscribers.healthy_p99_after_ms", FigureKind.TIME))
                .withFigure(Figure.growing("slow_subscribers.healthy_lost", FigureKind.COUNT))
                .withFigure(Figure.growing("slow_subscribers.healthy_disconnected", FigureKind.COUNT))
                .withFigure(Figure.growing("slow_subscribers.slow_lost", FigureKind.COUNT))
                .withFigure(Figure.growing("slow_subscribers.slow_disconnected", FigureKind.COUNT))
                .withHistogram("slow_subscribers.latency")
                .withHistogram("slow_subscribers.service_time")
                .withFigure(Figure.growing("capacity.max_connections", FigureKind.COUNT))
                .withFigure(Figure.of("capacity.handshake_p99_ms", FigureKind.TIME));
    }
}
