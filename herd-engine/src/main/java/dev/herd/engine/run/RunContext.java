package dev.herd.engine.run;

import dev.herd.engine.client.ClientContext;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionEvents;
import dev.herd.engine.clock.RunClock;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.metrics.IntervalSampler;
import dev.herd.engine.metrics.RunMetrics;
import dev.herd.engine.publish.HttpPublishSession;
import dev.herd.engine.publish.TopicLedger;
import dev.herd.engine.publish.TopicPublisher;
import dev.herd.engine.receive.StampReceiver;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.StageContext;
import dev.herd.engine.schedule.ConnectRamp;
import dev.herd.engine.schedule.PublishSchedule;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link StageContext} of one {@link Run}: what stages use to drive clients and read figures. */
final class RunContext implements StageContext {

    private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);

    private final Run run;
    private final Scenario scenario;
    private final RunClock clock;
    private final RunMetrics metrics;
    private final ClientContext clients;
    private final ClientFleet fleet;
    private final IntervalSampler sampler;
    private final FleetEvents events;
    private final WorkerRole role;
    private boolean publishersStarted;
    private long rampDelayNanos;
    /** How often a wait looks at its condition: a stage follows what it waits for within this. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * How often a plain sleep wakes to run the ticks and notice an abort. Waking every 10 ms cost the control thread
     * about 8 ms of CPU per second of an idle hold (docs/benchmarks.md); 50 ms is still quick to stop.
     */
    private static final long SLEEP_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final List<Runnable> ticks = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Every topic publisher started in this run, so the run's end can stop those still behind schedule. */
    private final List<TopicPublisher> startedPublishers = new java.util.concurrent.CopyOnWriteArrayList<>();

    RunContext(Run run, Scenario scenario, RunClock clock, RunMetrics metrics, ClientContext clients, ClientFleet fleet,
               IntervalSampler sampler, FleetEvents events, WorkerRole role) {
        this.role = role;
        this.run = run;
        this.scenario = scenario;
        this.clock = clock;
        this.metrics = metrics;
        this.clients = clients;
        this.fleet = fleet;
        this.sampler = sampler;
        this.events = events;
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public RunClock clock() {
        return clock;
    }

    @Override
    public long runId() {
        return run.runId();
    }

    @Override
    public RunMetrics metrics() {
        return metrics;
    }

    @Override
    public ClientContext clients() {
        return clients;
    }

    @Override
    public List<ClientSession> subscribers() {
        return fleet.subscribersSnapshot();
    }

    @Override
    public StampReceiver receiver(int index) {
        synchronized (fleet) {
            return fleet.receivers.get(index);
        }
    }

    @Override
    public List<ClientSession> subscribersNotStarted() {
        List<ClientSession> fresh = new ArrayList<>();
        for (ClientSession s : fleet.subscribersSnapshot()) {
            if (!s.started()) {
                fresh.add(s);
            }
        }
        return fresh;
    }

    @Override
    public List<ClientSession> addSubscribers(int count) {
        return fleet.add(count);
    }

    @Override
    public TopicLedger ledger(int topicIndex) {
        return fleet.ledgers[topicIndex];
    }

    @Override
    public void connect(Stage.Connect c, List<ClientSession> sessions) {
        long connectTimeoutNanos = scenario.client().connectTimeout().toNanos();
        startPublishers(connectTimeoutNanos);
        int n = sessions.size();
        if (n == 0) {
            return;
        }
        targetConnections(fleet.size());
        HeapTidy.connectStarting();
        ConnectRamp ramp = c.poisson()
                ? ConnectRamp.poisson(n, c.within(), scenario.client().seed())
                : ConnectRamp.even(n, c.within());
        long rampStart = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        Map<EventLoop, RampDriver> drivers = new IdentityHashMap<>();
        HandshakeSlots slots = new HandshakeSlots(c.maxHandshakesInFlight());
        for (EventLoop loop : fleet.loops) {
            List<Runnable> mine = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (sessions.get(i).loop() == loop) {
                    mine.add(sessions.get(i)::start);
                    offsets.add(ramp.offsetNanos(i));
                }
            }
            long[] offsetArray = offsets.stream().mapToLong(Long::longValue).toArray();
            drivers.put(loop, new RampDriver(loop, mine, rampStart, offsetArray, slots));
        }
        events.drivers(drivers);
        drivers.values().forEach(RampDriver::start);
        long deadline = rampStart + c.within().toNanos() + connectTimeoutNanos + TimeUnit.SECONDS.toNanos(2);
        boolean settled = waitUntil(deadline, allSettled(sessions));
        if (!settled && !run.aborted()) {
            long open = sessions.stream().filter(ClientSession::everOpened).count();
            LOG.info("connect stage ended with {} of {} clients opened", open, n);
        }
        drivers.values().forEach(RampDriver::stop);
        // An aborted run stops its ramp on purpose: the clients it did not start are not late.
        boolean aborted = run.aborted();
        long now = System.nanoTime();
        for (RampDriver driver : drivers.values()) {
            long late = Math.max(driver.maxDelayNanos(), aborted ? 0 : driver.overdueNanos(now));
            rampDelayNanos = Math.max(rampDelayNanos, late);
        }
        HeapTidy.connectEnded();
    }

    /**
     * True once every session settled. Sessions settle in about the order they start and never unsettle, so a
     * cursor past the settled ones keeps each check short: this runs every 10 ms of a ramp of 100,000 clients.
     */
    private static BooleanSupplier allSettled(List<ClientSession> sessions) {
        int[] settled = {0};
        return () -> {
            while (settled[0] < sessions.size() && sessions.get(settled[0]).settled()) {
                settled[0]++;
            }
            return settled[0] == sessions.size();
        };
    }

    /** The most any connect stage's ramp started a client after its time (0 before one ran). */
    long rampDelayNanos() {
        return rampDelayNanos;
    }

    private void startPublishers(long connectTimeoutNanos) {
        if (publishersStarted || fleet.publishers.isEmpty()) {
            return;
        }
        publishersStarted = true;
        fleet.publishers.forEach(ClientSession::start);
        int publishers = fleet.publishers.size();
        if (!waitUntil(System.nanoTime() + connectTimeoutNanos, () -> events.publishersOpen() >= publishers)) {
            LOG.warn("only {} of {} publisher connections opened; slots without one are skipped",
                    events.publishersOpen(), publishers);
        }
    }

    @Override
    public void publish(Stage.Publish p) {
        Publishing publishing = startPublishing(p.ratePerSecond(), p.duration());
        publishing.awaitEnd();
        String was = run.stage();
        stage("drain");
        drain(p.drain());
        stage(was);
    }

    @Override
    public Publishing startPublishing(double ratePerSecond, Duration duration) {
        startPublishers(scenario.client().connectTimeout().toNanos());
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        long end = start + duration.toNanos();
        if (role == WorkerRole.SUBSCRIBER) {
            return listenOnly(start, end);
        }
        PublishSchedule schedule = new PublishSchedule(start, ratePerSecond);
        int topics = scenario.topics();
        List<TopicPublisher> publishers = new ArrayList<>(topics);
        for (int t = 0; t < topics; t++) {
            EventLoop loop = fleet.publishLoopByTopic[t];
            if (loop == null) {
                throw new IllegalStateException("this scenario has no publishers (no publish stage declared)");
            }
            TopicPublisher publisher = new TopicPublisher(schedule, t, topics, end, fleet.outletByTopic[t], loop,
                    metrics.forLoop(loop), clock);
            publishers.add(publisher);
            startedPublishers.add(publisher);
            publisher.start();
        }
        return new PublishingWindow(start, end, publishers);
    }

    /** A subscriber-only process keeps the publish stage's time, receiving what another process publishes. */
    private Publishing listenOnly(long start, long end) {
        return new PublishingWindow(start, end, List.of());
    }

    /** A running schedule: the topics' publishers (none in a subscriber-only process) and its time window. */
    private final class PublishingWindow implements Publishing {
        private final long start;
        private final long end;
        private final List<TopicPublisher> publishers;

        PublishingWindow(long start, long end, List<TopicPublisher> publishers) {
            this.start = start;
            this.end = end;
            this.publishers = publishers;
        }

        @Override
        public long startNanos() {
            return start;
        }

        @Override
        public long endNanos() {
            return end;
        }

        @Override
        public void awaitEnd() {
            sleepUntil(end);
            // Each publisher ends by itself at the schedule's end; stopping them is only for an abort.
            waitUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(2),
                    () -> publishers.stream().allMatch(TopicPublisher::finished));
            if (run.aborted()) {
                stop();
            }
        }

        @Override
        public void stop() {
            publishers.forEach(TopicPublisher::stop);
        }
    }

    /**
     * Stops every publisher still running (one that fell behind its schedule keeps sending past the stage's end)
     * and waits, bounded, until each has taken its last turn: nothing is written after this returns.
     */
    void stopPublishing() {
        startedPublishers.forEach(TopicPublisher::stop);
        waitEvenIfAborted(System.nanoTime() + TimeUnit.SECONDS.toNanos(5),
                () -> startedPublishers.stream().allMatch(TopicPublisher::finished));
    }

    @Override
    public void drain(Duration max) {
        if (role == WorkerRole.SUBSCRIBER) {
            // What another process publishes is unknown here: wait the whole drain for stragglers.
            sleep(max);
            return;
        }
        long drainDeadline = System.nanoTime() + max.toNanos();
        waitUntil(drainDeadline, new DrainCondition(this::httpInFlight,
                () -> metrics.counter(CounterId.RECEIVED_STAMPS), this::expectedSoFar));
        for (HttpPublishSession session : fleet.httpPublishers) {
            session.loop().submit(session::discardQueued).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Deliveries expected so far if every started subscriber is open: a drain target, not the final count
     * (subscribers that joined late expect less, so it may be an overestimate; the drain then just times out).
     */
    private long expectedSoFar() {
        long expected = 0;
        List<ClientSession> subs = fleet.subscribersSnapshot();
        for (int i = 0; i < subs.size(); i++) {
            ClientSession s = subs.get(i);
            if (s.everOpened()) {
                StampReceiver r = receiver(i);
                expected += fleet.ledgers[r.topicIndex()].accepted() - r.tracker().firstSeq();
            }
        }
        return expected;
    }

    private int httpInFlight() {
        int sum = 0;
        for (HttpPublishSession session : fleet.httpPublishers) {
            Future<Integer> f = session.loop().submit(session::inFlight);
            if (f.awaitUninterruptibly(1, TimeUnit.SECONDS) && f.isSuccess()) {
                sum += f.getNow();
            }
        }
        return sum;
    }

    @Override
    public void stage(String name) {
        run.stage(name);
    }

    @Override
    public void targetConnections(long count) {
        run.targetConnections(count);
    }

    @Override
    public boolean aborted() {
        return run.aborted();
    }

    @Override
    public Ticker duringWaits(Runnable tick) {
        ticks.add(tick);
        return () -> ticks.remove(tick);
    }

    @Override
    public boolean waitUntil(long deadlineNanos, BooleanSupplier condition) {
        return waitUntil(deadlineNanos, condition, POLL_NANOS);
    }

    @Override
    public void sleepUntil(long deadlineNanos) {
        waitUntil(deadlineNanos, () -> false, SLEEP_SLICE_NANOS);
    }

    @Override
    public void sleep(Duration duration) {
        sleepUntil(System.nanoTime() + duration.toNanos());
    }

    /** Looks at the condition and runs the ticks every {@code periodNanos}; the last sleep ends at the deadline. */
    private boolean waitUntil(long deadlineNanos, BooleanSupplier condition, long periodNanos) {
        while (!run.aborted()) {
            for (Runnable tick : ticks) {
                tick.run();
            }
            if (condition.getAsBoolean()) {
                return true;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            sleepNanos(Math.min(left, periodNanos));
        }
        return false;
    }

    @Override
    public Histogram totalNow(HistogramId id) {
        return sampler.totalNow(id);
    }

    @Override
    public long counter(CounterId id) {
        return metrics.counter(id);
    }

    @Override
    public void addSessionEvents(SessionEvents listener) {
        events.add(listener);
    }

    @Override
    public void section(String key, Object value) {
        run.addSection(key, value);
    }

    @Override
    public void afterAccounting(Consumer<Accounting> hook) {
        run.afterAccounting(hook);
    }

    static boolean waitEvenIfAborted(long deadlineNanos, BooleanSupplier condition) {
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
