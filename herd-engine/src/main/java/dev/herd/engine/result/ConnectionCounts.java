package dev.herd.engine.result;

import java.util.Map;

/**
 * What happened to the clients' connections (subscribers; publishers are counted in {@link PublisherCounts}).
 *
 * @param attempted connection attempts, first ones and reconnects
 * @param established attempts that reached open
 * @param failed attempts that did not
 * @param failedByReason failures by reason ({@code refused}, {@code timeout}, {@code http_503}, …)
 * @param failedByPhase failures by phase, then reason
 * @param closedByServer open connections the target closed
 * @param closedByError open connections that ended in an error (reset, protocol error)
 * @param closedByReason open connections the target ended or that broke ({@code closed_by_server} and
 *                       {@code closed_by_error} together), by reason ({@code close_frame}, {@code closed},
 *                       {@code reset}, {@code message_too_large}, …)
 * @param closedByClient open connections herd closed (end of run, client-side drop)
 * @param reconnects reconnects that reached open
 * @param reconnectAttempts reconnect attempts
 * @param peakOpen the most connections open at once
 * @param openAtEnd connections open when the run ended (before herd closed them)
 * @param closeCodes WebSocket close codes received from the target, by code
 * @param subscriptions how many subscribers' subscriptions the target acknowledged, for a protocol that subscribes;
 *                      null otherwise
 */
public record ConnectionCounts(long attempted, long established, long failed, Map<String, Long> failedByReason,
                               Map<String, Map<String, Long>> failedByPhase, long closedByServer,
                               long closedByError, Map<String, Long> closedByReason, long closedByClient, long reconnects, long reconnectAttempts,
                               long peakOpen, long openAtEnd, Map<String, Long> closeCodes,
                               Subscriptions subscriptions) {

    /**
     * The subscribe phase's outcome per subscriber.
     *
     * @param acknowledged subscribers whose subscription the target acknowledged at least once
     * @param notAcknowledged subscribers that were upgraded but never had a subscription acknowledged (refused, timed
     *                        out, closed): they expect no messages, and are not counted as losing any
     */
    public record Subscriptions(long acknowledged, long notAcknowledged) {
    }
}
