package dev.herd.engine.run;

import dev.herd.engine.client.ClientContext;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.HostResolver;
import dev.herd.engine.client.SessionEvents;
import dev.herd.engine.clock.RunClock;
import dev.herd.engine.metrics.EventLoopLagProbe;
import dev.herd.engine.metrics.IntervalListener;
import dev.herd.engine.metrics.IntervalSampler;
import dev.herd.engine.metrics.RunMetrics;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.PublishingStage;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.StageContext;
import dev.herd.engine.sse.SseSession;
import dev.herd.engine.transport.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a scenario: builds the clients, runs the stages in order on the calling (control)
 * thread, closes everything and returns the figures. Only the control thread blocks; event loops never do.
 * {@link #abort()} (e.g. from a Ctrl-C hook) ends the current stage early and still yields a result.
 *
 * <pre>{@code
 * RunResult result = new Run(scenario, List.of(intervalLog, console)).execute();
 * }</pre>
 */
public final class Run {

    private static final Logger LOG = LoggerFactory.getLogger(Run.class);
    private static final long LAG_PROBE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Scenario scenario;
    private final List<IntervalListener> listeners;
    private long runId;
    private WorkerRole role = WorkerRole.BOTH;
    private final FleetEvents events = new FleetEvents();
    private final List<Consumer<StageContext.Accounting>> accountingHooks = new ArrayList<>();
    private final Map<String, Object> sections = new LinkedHashMap<>();
    private volatile String stage = "start";
    private volatile boolean aborted;
    private volatile long targetConnections;

    public Run(Scenario scenario, List<IntervalListener> listeners) {
        this.scenario = scenario;
        this.listeners = List.copyOf(listeners);
        this.runId = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFFL;
    }

    /** Lets a caller follow session lifecycles (set before {@link #execute()}). */
    public Run sessionEvents(SessionEvents extra) {
        events.add(extra);
        return this;
    }

    /** Uses a given run id (processes of one run share it); call before {@link #execute()}. */
    public Run runId(long id) {
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a run id is 32 bits (at most 8 hex digits)");
        }
        this.runId = id;
        return this;
    }

    /** Makes this process a publisher only or a subscriber only; call before {@link #execute()}. */
    public Run role(WorkerRole newRole) {
        this.role = newRole;
        return this;
    }

    /** Ends the current stage as soon as possible; {@link #execute()} then closes up and returns. */
    public void abort() {
        aborted = true;
    }

    public boolean aborted() {
        return aborted;
    }

    public long runId() {
        return runId;
    }

    public String stage() {
        return stage;
    }

    /** Runs the scenario to the end (or to {@link #abort()}); blocking, never on an event loop. */
    public RunResult execute() {
        RunClock clock = RunClock.start();
        Transport transport = Transport.select(scenario.transport());
        EventLoopGroup group = transport.newEventLoopGroup(scenario.eventLoops(), "herd-loop");
        HostResolver resolver = new HostResolver();
        List<EventLoopLagProbe> probes = new ArrayList<>();
        FleetShutdown shutdown = null;
        try {
            RunMetrics metrics = new RunMetrics(group);
            EventLoop[] loops = loopsOf(group);
            List<String> topicNames = new ArrayList<>();
            for (int t = 0; t < scenario.topics(); t++) {
                topicNames.add(scenario.topicName(t));
            }
            ClientContext ctx = new ClientContext(clock, runId, scenario.client(), metrics, group, transport, resolver,
                    topicNames, scenario.subscribers() + scenario.topics());
            ctx.events(events);
            boolean publishing = role != WorkerRole.SUBSCRIBER && scenario.stages().stream().anyMatch(Run::publishes);
            ClientFleet fleet = new ClientFleet(scenario, ctx, loops, publishing);
            IntervalSampler sampler = new IntervalSampler(metrics, clock);
            RunReporter reporter = new RunReporter(sampler, listeners, () -> stage, () -> targetConnections,
                    ctx.gauge()::sockets);
            for (EventLoop loop : loops) {
                EventLoopLagProbe probe = new EventLoopLagProbe(loop, metrics.forLoop(loop), LAG_PROBE_PERIOD_NANOS);
                probe.start();
                probes.add(probe);
            }
            targetConnections = scenario.subscribers();
            reporter.start();
            long startNanos = System.nanoTime();
            RunContext context = new RunContext(this, scenario, clock, metrics, ctx, fleet, sampler, events, role);
            shutdown = new FleetShutdown(fleet, ctx.gauge(), context::stopPublishing);
            for (Stage s : scenario.stages()) {
                if (aborted) {
                    break;
                }
                stage = s.name();
                s.execute(context);
            }

            stage = "close";
            long openAtEnd = ctx.gauge().open();
            // The generator's health is that of the measured stages: closing every connection at once queues
            // thousands of close tasks on each loop, which makes the probe late by hundreds of milliseconds while
            // nothing is measured any more (docs/benchmarks.md, "Against nginx + nchan").
            probes.forEach(EventLoopLagProbe::stop);
            shutdown.closeAll();
            SubscriberAccounting accounting = account(fleet);
            reporter.finish();
            runAccountingHooks(fleet, accounting);
            reporter.health().connectRampDelay(context.rampDelayNanos());
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            RunResult result = new ResultAssembler(scenario, clock, metrics, sampler, reporter.health(), ctx.gauge(),
                    fleet, accounting).assemble(runId, role, durationMs, openAtEnd, aborted);
            for (Map.Entry<String, Object> section : sections.entrySet()) {
                result = result.withSection(section.getKey(), section.getValue());
            }
            return result;
        } finally {
            if (shutdown != null) {
                shutdown.closeAll(); // done already, unless a stage threw: then close everything before the loops go
            }
            resolver.close();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private static boolean publishes(Stage s) {
        return s instanceof Stage.Publish || s instanceof PublishingStage;
    }

    void stage(String name) {
        stage = name;
    }

    void targetConnections(long count) {
        targetConnections = count;
    }

    void addSection(String key, Object value) {
        synchronized (sections) {
            sections.put(key, value);
        }
    }

    void afterAccounting(Consumer<StageContext.Accounting> hook) {
        accountingHooks.add(hook);
    }

    private static EventLoop[] loopsOf(EventLoopGroup group) {
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor e : group) {
            loops.add((EventLoop) e);
        }
        return loops.toArray(new EventLoop[0]);
    }

    /** Counts every subscriber's deliveries; after {@link FleetShutdown#closeAll()}, so nothing arrives any more. */
    private SubscriberAccounting account(ClientFleet fleet) {
        List<ClientSession> subscribers = fleet.subscribersSnapshot();
        if (role == WorkerRole.SUBSCRIBER) {
            observePublishedFromSubscribers(fleet, subscribers);
        }
        SubscriberAccounting accounting = new SubscriberAccounting(subscribers.size());
        List<Future<?>> done = new ArrayList<>();
        for (EventLoop loop : fleet.loops) {
            done.add(loop.submit(() -> {
                for (int i = 0; i < subscribers.size(); i++) {
                    ClientSession s = subscribers.get(i);
                    if (s.loop() == loop) {
                        var r = fleet.receivers.get(i);
                        accounting.add(s, r.tracker(), fleet.ledgers[r.topicIndex()]);
                        if (s instanceof SseSession sse) {
                            sse.release();
                        }
                    }
                }
            }));
        }
        done.forEach(f -> f.awaitUninterruptibly(10, TimeUnit.SECONDS));
        return accounting;
    }

    /**
     * A subscriber-only process does not know what was published; the highest sequence number any of its
     * subscribers saw on a topic stands in for it (a tail lost by every subscriber goes unnoticed: documented).
     */
    private static void observePublishedFromSubscribers(ClientFleet fleet, List<ClientSession> subscribers) {
        List<Future<?>> done = new ArrayList<>();
        for (EventLoop loop : fleet.loops) {
            done.add(loop.submit(() -> {
                for (int i = 0; i < subscribers.size(); i++) {
                    if (subscribers.get(i).loop() == loop) {
                        var r = fleet.receivers.get(i);
                        fleet.ledgers[r.topicIndex()].observe(r.tracker().highestSeq() + 1);
                    }
                }
            }));
        }
        done.forEach(f -> f.awaitUninterruptibly(10, TimeUnit.SECONDS));
    }

    private void runAccountingHooks(ClientFleet fleet, SubscriberAccounting accounting) {
        if (accountingHooks.isEmpty()) {
            return;
        }
        StageContext.Accounting view = new AccountingView(fleet, accounting, this::addSection);
        for (Consumer<StageContext.Accounting> hook : accountingHooks) {
            try {
                hook.accept(view);
            } catch (RuntimeException e) {
                LOG.warn("a scenario section could not be computed: {}", e.toString());
            }
        }
    }
}
