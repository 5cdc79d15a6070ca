package dev.herd.engine.run;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.ConnectionGauge;
import dev.herd.engine.clock.RunClock;
import dev.herd.engine.connect.ConnectPhase;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.FailureCounts;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.metrics.IntervalSampler;
import dev.herd.engine.metrics.LoopMetrics;
import dev.herd.engine.metrics.RunMetrics;
import dev.herd.engine.result.ConnectionCounts;
import dev.herd.engine.result.GeneratorReport;
import dev.herd.engine.result.HistogramSummary;
import dev.herd.engine.result.MessageCounts;
import dev.herd.engine.result.PublisherCounts;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.result.TargetInfo;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.secret.Redactor;
import dev.herd.engine.tls.TlsProvider;
import dev.herd.engine.tls.TlsSection;
import dev.herd.engine.tls.TlsVersion;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Turns a finished run's counters, histograms and accounting into its {@link RunResult}. */
final class ResultAssembler {

    /** Event-loop lag above this (p99) means the generator, not the target, set the pace. */
    static final double MAX_TRUSTED_LAG_P99_MS = 20;
    /** One stall of the generator this long inflates every latency measured across it. */
    static final double MAX_TRUSTED_LAG_MS = 250;
    /** GC time above this share of the run distorts latency figures. */
    static final double MAX_TRUSTED_GC_SHARE = 0.10;

    private final Scenario scenario;
    private final RunClock clock;
    private final RunMetrics metrics;
    private final IntervalSampler sampler;
    private final HealthTally health;
    private final ConnectionGauge gauge;
    private final ClientFleet fleet;
    private final SubscriberAccounting accounting;

    ResultAssembler(Scenario scenario, RunClock clock, RunMetrics metrics, IntervalSampler sampler, HealthTally health,
                    ConnectionGauge gauge, ClientFleet fleet, SubscriberAccounting accounting) {
        this.scenario = scenario;
        this.clock = clock;
        this.metrics = metrics;
        this.sampler = sampler;
        this.health = health;
        this.gauge = gauge;
        this.fleet = fleet;
        this.accounting = accounting;
    }

    RunResult assemble(long runId, WorkerRole role, long durationMs, long openAtEnd, boolean interrupted) {
        Redactor redactor = scenario.redactor();
        TargetInfo target = new TargetInfo(redactor.url(scenario.url().template()),
                scenario.url().subscribeProtocol().key(),
                fleet.publishers.isEmpty() ? null : redactor.url(scenario.effectivePublishUrl().template()),
                scenario.client().protocol().name());
        Map<String, Object> sections = new LinkedHashMap<>();
        if (scenario.slice() != null) {
            sections.put("slice", scenario.slice());
        }
        if (scenario.url().tls()) {
            sections.put("tls", tls());
        }
        return new RunResult(scenario.name(), String.format("%08x", runId), DateTimeFormatter.ISO_INSTANT.format(clock.startInstant()), durationMs, 1,
                role.name().toLowerCase(java.util.Locale.ROOT), target, connections(openAtEnd), connectPhases(), messages(),
                HistogramSummary.ofMicros(sampler.total(HistogramId.LATENCY)),
                HistogramSummary.ofMicros(sampler.total(HistogramId.SERVICE_TIME)),
                publishers(), generator(durationMs), List.of(), "pass", interrupted, sections);
    }

    private ConnectionCounts connections(long openAtEnd) {
        Map<String, Map<String, Long>> byPhase = FailureCounts.byPhase(metrics);
        Map<String, Long> closeCodes = new TreeMap<>();
        for (int code = 0; code < LoopMetrics.CLOSE_CODE_SLOTS; code++) {
            long n = 0;
            for (LoopMetrics m : metrics.loops()) {
                n += m.closeCodeCount(code);
            }
            if (n > 0) {
                closeCodes.put(Integer.toString(code), n);
            }
        }
        return new ConnectionCounts(
                metrics.counter(CounterId.CONNECT_ATTEMPTS),
                metrics.counter(CounterId.CONNECTS),
                metrics.counter(CounterId.CONNECT_FAILURES),
                FailureCounts.byReason(metrics), byPhase,
                metrics.counter(CounterId.CLOSED_BY_SERVER),
                metrics.counter(CounterId.CLOSED_BY_ERROR),
                FailureCounts.closedByReason(metrics),
                metrics.counter(CounterId.CLOSED_BY_CLIENT),
                metrics.counter(CounterId.RECONNECTS),
                metrics.counter(CounterId.RECONNECT_ATTEMPTS),
                gauge.peak(), openAtEnd, closeCodes, subscriptions());
    }

    private ConnectionCounts.Subscriptions subscriptions() {
        if (!scenario.client().protocol().subscribes()) {
            return null;
        }
        long acknowledged = 0;
        long not = 0;
        for (ClientSession s : fleet.subscribersSnapshot()) {
            if (s.everOpened()) {
                acknowledged++;
            } else if (s.everUpgraded()) {
                not++;
            }
        }
        return new ConnectionCounts.Subscriptions(acknowledged, not);
    }

    private Map<String, HistogramSummary> connectPhases() {
        Map<String, HistogramSummary> phases = new LinkedHashMap<>();
        for (HistogramId id : List.of(HistogramId.CONNECT_DNS, HistogramId.CONNECT_TCP, HistogramId.CONNECT_TLS,
                HistogramId.CONNECT_UPGRADE, HistogramId.CONNECT_SUBSCRIBE, HistogramId.CONNECT_FIRST_MESSAGE,
                HistogramId.CONNECT_TOTAL, HistogramId.RECONNECT)) {
            if (id == HistogramId.CONNECT_TLS && !scenario.url().tls()) {
                continue;
            }
            if (id == HistogramId.CONNECT_SUBSCRIBE && !scenario.client().protocol().subscribes()) {
                continue;
            }
            phases.put(id.key(), HistogramSummary.ofMicros(sampler.total(id)));
        }
        return phases;
    }

    private TlsSection tls() {
        TlsProvider provider = scenario.client().tls().provider().resolve();
        Map<String, Long> versions = new LinkedHashMap<>();
        for (TlsVersion v : TlsVersion.values()) {
            long n = metrics.counter(switch (v) {
                case TLS_1_3 -> CounterId.TLS_1_3;
                case TLS_1_2 -> CounterId.TLS_1_2;
                case OTHER -> CounterId.TLS_OTHER_VERSION;
            });
            if (n > 0) {
                versions.put(v.key(), n);
            }
        }
        return new TlsSection(provider.key(), provider.library(), scenario.client().tls().resume(), versions,
                metrics.counter(CounterId.TLS_FULL), metrics.counter(CounterId.TLS_RESUMED),
                new TlsSection.Handshakes(HistogramSummary.ofMicros(sampler.total(HistogramId.TLS_HANDSHAKE_FULL)),
                        HistogramSummary.ofMicros(sampler.total(HistogramId.TLS_HANDSHAKE_RESUMED))));
    }

    private MessageCounts messages() {
        long published = 0;
        for (var ledger : fleet.ledgers) {
            published += ledger.accepted();
        }
        long withLoss = 0;
        long maxLost = 0;
        for (long lost : accounting.lostBySubscriber) {
            if (lost > 0) {
                withLoss++;
                maxLost = Math.max(maxLost, lost);
            }
        }
        return new MessageCounts(published, accounting.expected, accounting.received, accounting.lost, withLoss, maxLost,
                accounting.duplicated, accounting.reordered,
                metrics.counter(CounterId.PUBLISH_FAILED),
                metrics.counter(CounterId.PUBLISH_SKIPPED),
                metrics.counter(CounterId.UNSTAMPED_MESSAGES),
                metrics.counter(CounterId.MALFORMED_STAMPS),
                metrics.counter(CounterId.OTHER_RUN_STAMPS),
                metrics.counter(CounterId.FOREIGN_TOPIC_STAMPS),
                metrics.counter(CounterId.BEFORE_JOIN_STAMPS),
                metrics.counter(CounterId.NEGATIVE_LATENCY),
                metrics.counter(CounterId.RECEIVED_BYTES));
    }

    private PublisherCounts publishers() {
        if (fleet.publishers.isEmpty()) {
            return null;
        }
        return new PublisherCounts(scenario.effectivePublishUrl().isWebSocket() ? "websocket" : "http",
                scenario.redactor().url(scenario.effectivePublishUrl().template()), fleet.publishers.size(),
                metrics.counter(CounterId.PUBLISHER_CONNECTS),
                metrics.counter(CounterId.PUBLISHER_CONNECT_FAILURES),
                metrics.counter(CounterId.PUBLISHER_DISCONNECTS));
    }

    private GeneratorReport generator(long durationMs) {
        Histogram lag = sampler.total(HistogramId.EVENT_LOOP_LAG);
        double lagMax = lag.getMaxValue() / 1000.0;
        double lagP99 = lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99) / 1000.0;
        List<String> reasons = new ArrayList<>();
        if (lagP99 > MAX_TRUSTED_LAG_P99_MS) {
            reasons.add(String.format(java.util.Locale.ROOT, "event loops ran late: lag p99 %.1f ms (limit %.0f ms)",
                    lagP99, MAX_TRUSTED_LAG_P99_MS));
        } else if (lagMax > MAX_TRUSTED_LAG_MS) {
            reasons.add(String.format(java.util.Locale.ROOT, "an event loop stalled for %.0f ms (limit %.0f ms)",
                    lagMax, MAX_TRUSTED_LAG_MS));
        }
        double rampDelayMs = health.connectRampDelayNanos() / 1e6;
        if (rampDelayMs > MAX_TRUSTED_LAG_MS) {
            reasons.add(String.format(java.util.Locale.ROOT, "the connect ramp fell up to %.0f ms behind its "
                    + "schedule (limit %.0f ms)", rampDelayMs, MAX_TRUSTED_LAG_MS));
        }
        if (health.saturatedIntervals() >= 3) {
            reasons.add("the generator used all CPU for " + health.saturatedIntervals() + " s");
        }
        if (durationMs > 0 && health.gcPauseMillis() > MAX_TRUSTED_GC_SHARE * durationMs) {
            reasons.add("garbage collection took " + health.gcPauseMillis() + " ms of " + durationMs + " ms");
        }
        long localLimits = 0;
        long budgetCloses = 0;
        long memoryCloses = 0;
        for (LoopMetrics m : metrics.loops()) {
            for (FailureReason reason : FailureReason.values()) {
                if (reason.isLocalLimit()) {
                    for (ConnectPhase phase : ConnectPhase.values()) {
                        localLimits += m.failures(phase, reason);
                    }
                }
            }
            budgetCloses += m.closes(FailureReason.LOCAL_RECEIVE_BUDGET);
            memoryCloses += m.closes(FailureReason.LOCAL_OUT_OF_MEMORY);
        }
        if (health.peakFdShare() >= 0.9) {
            reasons.add(String.format(java.util.Locale.ROOT, "file descriptors reached %.0f%% of the limit (%d)",
                    health.peakFdShare() * 100, health.maxFds()));
        }
        if (health.peakPortShare() >= 0.9) {
            reasons.add(String.format(java.util.Locale.ROOT, "client sockets reached %.0f%% of the ephemeral port "
                    + "range (%d) of one source address", health.peakPortShare() * 100, health.ephemeralPortRange()));
        }
        if (localLimits > 0) {
            reasons.add(localLimits + " connection attempts failed on the generator's own limits "
                    + "(file descriptors or ephemeral ports)");
        }
        if (budgetCloses > 0) {
            reasons.add(budgetCloses + " connections were closed on the generator's receive budget ("
                    + (scenario.client().receiveBudgetBytes() >> 20) + " MiB for partly received messages; --receive-budget)");
        }
        if (memoryCloses > 0) {
            reasons.add(memoryCloses + " connections broke because the generator ran out of memory");
        }
        return new GeneratorReport(lagMax, lagP99, round1(health.meanCpuPercent()), round1(health.peakCpuPercent()),
                health.gcPauseMillis(), health.maxGcPauseMillisPerInterval(), health.peakHeapBytes(),
                health.peakOpenFds(), health.maxFds(), health.peakClientSockets(), health.ephemeralPortRange(),
                metrics.loops().size(), reasons.isEmpty(), reasons);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
