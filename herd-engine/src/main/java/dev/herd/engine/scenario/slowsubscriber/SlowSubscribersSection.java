package dev.herd.engine.scenario.slowsubscriber;

import dev.herd.engine.result.HistogramSummary;
import dev.herd.engine.scenario.PhaseFigures;
import java.util.List;
import java.util.Map;

/**
 * summary.json's {@code slow_subscribers} section: the healthy subscribers' latency before, during and after the
 * stall side by side with what the target did to the slow group, classified, with the numbers behind the call.
 * Windows ({@code before}, {@code during}, {@code after}) run from publishing's start to the stall, over the stall,
 * and from its end to the end of the drain; a latency lands in the window in which it was received.
 *
 * @param subscribers all subscribers of the run
 * @param slow subscribers in the slow group
 * @param healthy the others
 * @param mode {@code stall} (stopped reading) or {@code slow_read} (read at {@code readBytesPerSecond})
 * @param readBytesPerSecond the slow group's read rate during the stall (null when stalled)
 * @param stallAfterMs from publishing's start to the stall
 * @param stallForMs how long the group was slowed
 * @param afterMs how long publishing went on after the stall
 * @param receiveBufferBytes the slow group's socket receive buffer
 * @param classification {@link ServerResponse#key()}: disconnected, dropped, buffered or unaffected
 * @param evidence one line with the numbers behind the classification
 * @param healthyP99BeforeMs healthy subscribers' latency p99 before the stall (null when nothing was received)
 * @param healthyP99DuringMs healthy subscribers' latency p99 during the stall
 * @param healthyP99AfterMs healthy subscribers' latency p99 after it
 * @param healthyLost messages healthy subscribers never received (0 against a target that isolates slow ones)
 * @param healthyMissingDuringStall of those, messages published during the stall
 * @param healthyDisconnected healthy subscribers' connections lost from the stall's start on
 * @param healthyLatency healthy subscribers' latency per window
 * @param slowLost messages the slow group never received
 * @param slowUndeliveredAtEnd of those, messages after each one's last received message: not delivered by the end
 *                             of the drain (still queued somewhere, or lost with a closed connection)
 * @param slowMissingDuringStall of those, messages published during the stall
 * @param slowDisconnected slow subscribers whose connection ended from the stall's start on
 * @param slowLatency the slow group's latency per window
 * @param latency the slow group's latency over the whole run ({@code slow_subscribers.latency})
 * @param serviceTime the slow group's service time over the whole run
 * @param disconnects how the slow group's connections ended
 * @param gaps how the slow group's losses spread over its subscribers
 * @param slowGroup each slow subscriber (the first {@value SlowSubscriberStage#LISTED} by index)
 * @param targetStats the reference target's own account, when the target is herd's (else null)
 */
public record SlowSubscribersSection(int subscribers, int slow, int healthy, String mode, Long readBytesPerSecond,
                                     long stallAfterMs, long stallForMs, long afterMs, int receiveBufferBytes,
                                     String classification, String evidence, Double healthyP99BeforeMs,
                                     Double healthyP99DuringMs, Double healthyP99AfterMs, long healthyLost,
                                     long healthyMissingDuringStall, long healthyDisconnected,
                                     Map<String, PhaseFigures> healthyLatency, long slowLost,
                                     long slowUndeliveredAtEnd, long slowMissingDuringStall, int slowDisconnected,
                                     Map<String, PhaseFigures> slowLatency, HistogramSummary latency,
                                     HistogramSummary serviceTime, Disconnects disconnects, Gaps gaps,
                                     List<SlowSubscriber> slowGroup, TargetStatsFigures targetStats) {

    /**
     * How the slow group's connections ended. A subscriber that is not reading learns of a close only when it reads
     * again, so after a full stall these times are at least the stall's length; the target's {@code /stats} (when
     * it is herd's) says when it acted.
     *
     * @param closeCodes WebSocket close codes received, by code ({@code 1006}: ended without a close frame;
     *                   SSE streams have none)
     * @param afterStallStartP50Ms median time from the stall's start to herd seeing the connection end
     * @param afterStallStartMaxMs the longest such time
     * @param seenBeforeResume connections seen ending while the group was still slowed
     */
    public record Disconnects(Map<String, Long> closeCodes, Double afterStallStartP50Ms, Double afterStallStartMaxMs,
                              int seenBeforeResume) {
    }

    /**
     * The slow group's sequence gaps: messages missing before the last message a subscriber received, which a
     * later message overtook, so they were skipped rather than late.
     *
     * @param subscribers slow subscribers with at least one gap
     * @param messages messages missing in gaps, all slow subscribers together
     * @param minPerSubscriber fewest missing in one slow subscriber's gaps
     * @param maxPerSubscriber most missing in one slow subscriber's gaps
     */
    public record Gaps(int subscribers, long messages, long minPerSubscriber, long maxPerSubscriber) {
    }

    /**
     * One slow subscriber.
     *
     * @param index its index in the run
     * @param topic its topic's index
     * @param lost messages it never received
     * @param skipped of those, messages missing in its sequence gaps (before the last message it received)
     * @param missingDuringStall of those, messages published during the stall
     * @param disconnectedAfterMs from the stall's start to herd seeing its connection end (null if it did not)
     * @param closeCode the WebSocket close code it ended with (null if none was seen or for SSE)
     */
    public record SlowSubscriber(int index, int topic, long lost, long skipped, long missingDuringStall,
                                 Double disconnectedAfterMs,
                                 Integer closeCode) {
    }
}
