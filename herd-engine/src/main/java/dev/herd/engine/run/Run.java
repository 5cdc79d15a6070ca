package dev.herd.engine.run;

import dev.herd.engine.client.ClientContext;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.HostResolver;
import dev.herd.engine.client.SessionEvents;
import dev.herd.engine.clock.RunClock;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.EventLoopLagProbe;
import dev.herd.engine.metrics.IntervalListener;
import dev.herd.engine.metrics.IntervalSampler;
import dev.herd.engine.metrics.RunMetrics;
import dev.herd.engine.publish.HttpPublishSession;
import dev.herd.engine.publish.TopicPublisher;
import dev.herd.engine.receive.StampReceiver;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.schedule.ConnectRamp;
import dev.herd.engine.schedule.PublishSchedule;
import dev.herd.engine.sse.SseSession;
import dev.herd.engine.transport.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
    private final long runId;
    private final FleetEvents events = new FleetEvents();
    private volatile String stage = "start";
    private volatile boolean aborted;
    private volatile long targetConnections;
    private RunClock clock;

    public Run(Scenario scenario, List<IntervalListener> listeners) {
        this.scenario = scenario;
        this.listeners = List.copyOf(listeners);
        this.runId = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFFL;
    }

    /** Lets a scenario follow session lifecycles (set before {@link #execute()}). */
    public Run sessionEvents(SessionEvents scenarioEvents) {
        events.scenarioEvents(scenarioEvents);
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
        clock = RunClock.start();
        Transport transport = Transport.detect();
        EventLoopGroup group = transport.newEventLoopGroup(scenario.eventLoops(), "herd-loop");
        HostResolver resolver = new HostResolver();
        List<EventLoopLagProbe> probes = new ArrayList<>();
        try {
            RunMetrics metrics = new RunMetrics(group);
            EventLoop[] loops = loopsOf(group);
            List<String> topicNames = new ArrayList<>();
            for (int t = 0; t < scenario.topics(); t++) {
                topicNames.add(scenario.topicName(t));
            }
            ClientContext ctx = new ClientContext(clock, runId, scenario.client(), metrics, group, transport, resolver,
                    topicNames);
            ctx.events(events);
            boolean publishing = scenario.stages().stream().anyMatch(s -> s instanceof Stage.Publish);
            ClientFleet fleet = new ClientFleet(scenario, ctx, loops, publishing);
            IntervalSampler sampler = new IntervalSampler(metrics, clock);
            RunReporter reporter = new RunReporter(sampler, listeners, () -> stage, () -> targetConnections);
            for (EventLoop loop : loops) {
                EventLoopLagProbe probe = new EventLoopLagProbe(loop, metrics.forLoop(loop), LAG_PROBE_PERIOD_NANOS);
                probe.start();
                probes.add(probe);
            }
            reporter.start();
            long startNanos = System.nanoTime();

            for (Stage s : scenario.stages()) {
                if (aborted) {
                    break;
                }
                stage = s.name();
                if (s instanceof Stage.Connect c) {
                    connect(fleet, c);
                } else if (s instanceof Stage.Publish p) {
                    publish(fleet, p, metrics);
                } else if (s instanceof Stage.Hold h) {
                    waitUntil(System.nanoTime() + h.duration().toNanos(), () -> false);
                }
            }

            stage = "close";
            long openAtEnd = ctx.gauge().open();
            SubscriberAccounting accounting = closeAndAccount(fleet, ctx);
            probes.forEach(EventLoopLagProbe::stop);
            reporter.finish();
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            return new ResultAssembler(scenario, clock, metrics, sampler, reporter.health(), ctx.gauge(), fleet,
                    accounting).assemble(durationMs, openAtEnd, aborted);
        } finally {
            resolver.close();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private static EventLoop[] loopsOf(EventLoopGroup group) {
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor e : group) {
            loops.add((EventLoop) e);
        }
        return loops.toArray(new EventLoop[0]);
    }

    private void connect(ClientFleet fleet, Stage.Connect c) {
        long connectTimeoutNanos = scenario.client().connectTimeout().toNanos();
        if (!fleet.publishers.isEmpty()) {
            fleet.publishers.forEach(ClientSession::start);
            int publishers = fleet.publishers.size();
            if (!waitUntil(System.nanoTime() + connectTimeoutNanos, () -> events.publishersOpen() >= publishers)) {
                LOG.warn("only {} of {} publisher connections opened; slots without one are skipped",
                        events.publishersOpen(), publishers);
            }
        }
        int n = fleet.subscribers.length;
        targetConnections = n;
        ConnectRamp ramp = c.poisson()
                ? ConnectRamp.poisson(n, c.within(), scenario.client().seed())
                : ConnectRamp.even(n, c.within());
        long rampStart = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        Map<EventLoop, RampDriver> drivers = new IdentityHashMap<>();
        int perLoopCap = c.maxHandshakesInFlight() <= 0 ? 0
                : Math.max(1, c.maxHandshakesInFlight() / fleet.loops.length);
        for (EventLoop loop : fleet.loops) {
            List<ClientSession> mine = fleet.subscribersOn(loop);
            long[] offsets = new long[mine.size()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = ramp.offsetNanos(mine.get(i).index());
            }
            drivers.put(loop, new RampDriver(loop, mine, rampStart, offsets, perLoopCap));
        }
        events.drivers(drivers);
        drivers.values().forEach(RampDriver::start);
        long deadline = rampStart + c.within().toNanos() + connectTimeoutNanos + TimeUnit.SECONDS.toNanos(2);
        boolean settled = waitUntil(deadline, () -> events.firstOpens() + events.gaveUp() >= n);
        if (!settled && !aborted) {
            LOG.info("connect stage ended with {} of {} clients open", events.firstOpens(), n);
        }
        drivers.values().forEach(RampDriver::stop);
    }

    private void publish(ClientFleet fleet, Stage.Publish p, RunMetrics metrics) {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        long end = start + p.duration().toNanos();
        PublishSchedule schedule = new PublishSchedule(start, p.ratePerSecond());
        int topics = scenario.topics();
        List<TopicPublisher> publishers = new ArrayList<>(topics);
        for (int t = 0; t < topics; t++) {
            EventLoop loop = fleet.publishLoopByTopic[t];
            TopicPublisher publisher = new TopicPublisher(schedule, t, topics, end, fleet.outletByTopic[t], loop,
                    metrics.forLoop(loop), clock);
            publishers.add(publisher);
            publisher.start();
        }
        waitUntil(end, () -> false);
        // Each publisher ends by itself at the schedule's end; stopping them is only for an abort.
        waitUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(2),
                () -> publishers.stream().allMatch(TopicPublisher::finished));
        if (aborted) {
            publishers.forEach(TopicPublisher::stop);
        }
        stage = "drain";
        long drainDeadline = System.nanoTime() + p.drain().toNanos();
        waitUntil(drainDeadline, () -> metrics.counter(CounterId.RECEIVED_STAMPS) >= expectedSoFar(fleet)
                && httpInFlight(fleet) == 0);
        for (HttpPublishSession session : fleet.httpPublishers) {
            session.loop().submit(session::discardQueued).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** Deliveries expected so far if every subscriber is open: a drain target, not the final count. */
    private static long expectedSoFar(ClientFleet fleet) {
        long expected = 0;
        for (int t = 0; t < fleet.ledgers.length; t++) {
            expected += fleet.ledgers[t].accepted() * fleet.subscribersPerTopic[t];
        }
        return expected;
    }

    private static int httpInFlight(ClientFleet fleet) {
        int sum = 0;
        for (HttpPublishSession session : fleet.httpPublishers) {
            Future<Integer> f = session.loop().submit(session::inFlight);
            if (f.awaitUninterruptibly(1, TimeUnit.SECONDS) && f.isSuccess()) {
                sum += f.getNow();
            }
        }
        return sum;
    }

    private SubscriberAccounting closeAndAccount(ClientFleet fleet, ClientContext ctx) {
        fleet.publishers.forEach(ClientSession::stop);
        for (ClientSession s : fleet.subscribers) {
            s.stop();
        }
        waitUntilEvenIfAborted(System.nanoTime() + TimeUnit.SECONDS.toNanos(5), () -> ctx.gauge().open() == 0);
        SubscriberAccounting accounting = new SubscriberAccounting(fleet.subscribers.length);
        List<Future<?>> done = new ArrayList<>();
        for (EventLoop loop : fleet.loops) {
            done.add(loop.submit(() -> {
                for (int i = 0; i < fleet.subscribers.length; i++) {
                    ClientSession s = fleet.subscribers[i];
                    if (s.loop() == loop) {
                        StampReceiver r = fleet.receivers[i];
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

    /** Sleeps on the control thread until {@code deadline} or the condition holds or the run is aborted. */
    private boolean waitUntil(long deadlineNanos, BooleanSupplier condition) {
        while (!aborted) {
            if (condition.getAsBoolean()) {
                return true;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            sleepNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
        }
        return false;
    }

    private static boolean waitUntilEvenIfAborted(long deadlineNanos, BooleanSupplier condition) {
        while (System.nanoTime() < deadlineNanos) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleepNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return condition.getAsBoolean();
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
