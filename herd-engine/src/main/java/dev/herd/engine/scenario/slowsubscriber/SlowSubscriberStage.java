package dev.herd.engine.scenario.slowsubscriber;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.scenario.PublishingStage;
import dev.herd.engine.scenario.ReferenceTarget;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.StageContext;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slow subscriber: a group of the subscribers (chosen from the seed, spread over the topics) gets a small socket
 * receive buffer; everyone connects; messages are published for {@code stallAfter + stallFor + after}; at
 * {@code stallAfter} the group stops reading (or reads at {@code readBytesPerSecond}) for {@code stallFor}, then reads
 * normally again, so what the target buffered or skipped becomes visible; then a drain. Writes the
 * {@code slow_subscribers} section: the healthy subscribers' latency before, during and after the stall, and what
 * the target did to the slow ones (disconnected, dropped, buffered or unaffected) with the evidence.
 *
 * <pre>{@code
 * new SlowSubscriberStage(new Stage.Connect(Duration.ofSeconds(1), false, 0), SlowGroupSize.fraction(0.1),
 *         Duration.ofSeconds(2), Duration.ofSeconds(5), 0, Duration.ofSeconds(3), 300, Duration.ofSeconds(3),
 *         SlowSubscriberStage.DEFAULT_RECEIVE_BUFFER_BYTES);
 * }</pre>
 *
 * <p>The slow group's latency goes to {@link HistogramId#SLOW_LATENCY} and {@link HistogramId#SLOW_SERVICE_TIME}, so
 * the run's {@code latency} is the healthy subscribers' alone.
 *
 * @param connect how everyone connects
 * @param group how many subscribers are slowed
 * @param stallAfter from publishing's start to the stall
 * @param stallFor how long the group is slowed (longer than 0)
 * @param readBytesPerSecond the group's read rate during the stall; 0 stops reading altogether
 * @param after how long publishing goes on after the stall
 * @param ratePerSecond messages per second, all topics together
 * @param drain the longest wait for the last deliveries after publishing
 * @param receiveBufferBytes the slow group's socket receive buffer (0 = the system's); small, so that the target
 *                           sees a stalled reader after kilobytes instead of megabytes of kernel buffering
 *                           ({@link #DEFAULT_RECEIVE_BUFFER_BYTES})
 */
public record SlowSubscriberStage(Stage.Connect connect, SlowGroupSize group, Duration stallAfter, Duration stallFor,
                                  long readBytesPerSecond, Duration after, double ratePerSecond, Duration drain,
                                  int receiveBufferBytes) implements PublishingStage {

    /**
     * A slow subscriber's socket receive buffer unless asked otherwise. Small, so a stalled reader's kernel holds
     * kilobytes rather than the megabytes Linux grows a busy reader's buffer to; not smaller, because a buffer set
     * before connecting also caps the TCP window (no window scaling), and a much smaller window keeps the subscriber
     * slow after the stall: catching up on a 2 s backlog at 4.8 MB/s took about 220 ms at 4 KiB, 25 ms at 64 KiB.
     */
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 64 << 10;
    /** The section lists at most this many slow subscribers one by one. */
    public static final int LISTED = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SlowSubscriberStage.class);
    private static final HistogramId[] WATCHED = {HistogramId.LATENCY, HistogramId.SLOW_LATENCY,
            HistogramId.SLOW_SERVICE_TIME};

    public SlowSubscriberStage {
        if (stallFor.isNegative() || stallFor.isZero()) {
            throw new IllegalArgumentException("the stall must last longer than 0");
        }
        if (stallAfter.isNegative() || after.isNegative() || drain.isNegative()) {
            throw new IllegalArgumentException("stall_after, after and drain must not be negative");
        }
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("the publish rate must be a positive number, was " + ratePerSecond);
        }
        if (readBytesPerSecond < 0 || receiveBufferBytes < 0) {
            throw new IllegalArgumentException("read rate and receive buffer must not be negative");
        }
    }

    @Override
    public String name() {
        return "slow-subscriber";
    }

    @Override
    public void execute(StageContext ctx) {
        List<ClientSession> candidates = ctx.subscribersNotStarted();
        List<ClientSession> subscribers = ctx.subscribers();
        int[] slow = chooseGroup(ctx, candidates);
        for (int i : slow) {
            subscribers.get(i).receiveBufferBytes(receiveBufferBytes);
            ctx.receiver(i).recordInto(HistogramId.SLOW_LATENCY, HistogramId.SLOW_SERVICE_TIME);
        }
        SlowGroupDriver driver = new SlowGroupDriver(subscribers, slow, readBytesPerSecond);
        ctx.addSessionEvents(driver);
        ctx.connect(connect, candidates);

        ReferenceTarget reference = ReferenceTarget.of(ctx.scenario().url(), ctx.scenario().client());
        Map<String, Object> statsBefore = reference.stats(ctx::waitUntil).orElse(null);
        StallRecord record = new StallRecord(ctx.scenario().topics(), WATCHED.length);
        record.mark(StallRecord.START, totals(ctx), sentSeqs(ctx));
        ctx.stage("before");
        StageContext.Publishing publishing = ctx.startPublishing(ratePerSecond,
                stallAfter.plus(stallFor).plus(after));
        long stallStart = publishing.startNanos() + stallAfter.toNanos();
        try {
            // The control thread switches the group, right after taking the window's totals, rather than timers on
            // the loops: a loop that released the group before the totals were taken (the control thread woke a
            // little late) would put the backlog it reads at once into the stall's window.
            ctx.sleepUntil(stallStart);
            if (!ctx.aborted()) {
                ctx.stage(readBytesPerSecond > 0 ? "slow-read" : "stall");
                record.mark(StallRecord.STALL, totals(ctx), sentSeqs(ctx));
                driver.slowNow();
                ctx.sleepUntil(System.nanoTime() + stallFor.toNanos());
            }
            if (!ctx.aborted()) {
                ctx.stage("after");
                record.mark(StallRecord.RESUME, totals(ctx), sentSeqs(ctx));
                driver.releaseNow();
                publishing.awaitEnd();
                ctx.stage("drain");
                ctx.drain(drain);
            }
        } finally {
            if (ctx.aborted()) {
                publishing.stop();
                driver.releaseNow();
            }
        }
        record.mark(StallRecord.END, totals(ctx), sentSeqs(ctx));
        Map<String, Object> statsAtEnd = reference.stats(ctx::waitUntil).orElse(null);
        TargetStatsFigures target = statsAtEnd == null ? null : TargetStatsFigures.between(statsBefore, statsAtEnd);

        Set<Integer> started = new HashSet<>();
        for (ClientSession s : candidates) {
            started.add(s.index());
        }
        SlowSubscribersReport report = new SlowSubscribersReport(this, subscribers.size(), slow, record, target);
        ctx.afterAccounting(acc -> acc.section("slow_subscribers",
                report.build(acc, i -> ctx.receiver(i).tracker().missing(), driver.losses(), started)));
    }

    private int[] chooseGroup(StageContext ctx, List<ClientSession> candidates) {
        int topics = (int) candidates.stream().mapToInt(ClientSession::topicIndex).distinct().count();
        int size = group.of(candidates.size(), topics);
        if (size < group.asked(candidates.size())) {
            LOG.warn("slow group cut from {} to {}: every topic keeps at least one healthy subscriber",
                    group.asked(candidates.size()), size);
        }
        int[] indices = candidates.stream().mapToInt(ClientSession::index).toArray();
        int[] topicOf = candidates.stream().mapToInt(ClientSession::topicIndex).toArray();
        return SlowGroup.choose(indices, topicOf, size, ctx.scenario().client().seed());
    }

    private static Histogram[] totals(StageContext ctx) {
        Histogram[] totals = new Histogram[WATCHED.length];
        for (int k = 0; k < WATCHED.length; k++) {
            totals[k] = ctx.totalNow(WATCHED[k]);
        }
        return totals;
    }

    private static long[] sentSeqs(StageContext ctx) {
        long[] seqs = new long[ctx.scenario().topics()];
        for (int t = 0; t < seqs.length; t++) {
            seqs[t] = ctx.ledger(t).sent();
        }
        return seqs;
    }
}
