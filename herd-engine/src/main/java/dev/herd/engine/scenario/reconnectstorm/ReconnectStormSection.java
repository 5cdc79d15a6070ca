package dev.herd.engine.scenario.reconnectstorm;

import dev.herd.engine.scenario.OpenCurveSampler;
import java.util.List;

/**
 * summary.json's {@code reconnect_storm} section. Times are milliseconds from the disruption instant t0; "lost
 * clients" are the subscribers that lost their connection after t0 (those open at t0 that the disruption reached).
 *
 * <p>The recovery components are spelt {@code recovered_50Ms} because summary.json's snake_case naming does not
 * split a name before a digit: {@code recovered50Ms} would come out as {@code recovered50_ms}.
 *
 * @param policy the clients' reconnect policy, e.g. {@code exponential(base=100ms, cap=10s, full jitter)}
 * @param disruption what was done at t0
 * @param settleMs how long messages flowed before the disruption
 * @param observedMs from t0 to the end of the observation (every lost client back, or the timeout)
 * @param timedOut the observation ended by its timeout, with lost clients not back
 * @param openBefore subscribers open at t0
 * @param lost subscribers that lost their connection after t0
 * @param recovered_50Ms until half of the lost clients were open again (null when they never were)
 * @param recovered_95Ms until 95 % of them were
 * @param recovered_100Ms until all of them were
 * @param notRecovered lost clients not open again when the observation ended
 * @param attempts reconnect attempts of the lost clients during the observation
 * @param peakAttemptsPerSecond the most attempts in any one-second window
 * @param attemptsPerClient attempts each lost client made until it was open again
 * @param attemptsOverTime attempts per 100 ms from t0: the thundering herd made visible
 * @param openCurve open connections every 100 ms from t0
 * @param publishedDuringOutage messages the target accepted from t0 until every lost client was back (or the
 *                              observation ended)
 * @param unpublishedDuringOutage schedule slots in that time that were not published: skipped (no publisher
 *                                connection, as when the publisher goes through the restarting target) or refused
 * @param messagesLost deliveries the lost clients never received, over the whole run
 * @param lostPerClient the same per lost client
 * @param messagesWhileAway messages of their topic published while the lost clients were disconnected (summed)
 * @param messagesGotBack of those, the ones they received anyway (SSE {@code Last-Event-ID} replay, or in flight)
 * @param clientsGotBack lost clients that received at least one such message
 * @param cpuMs CPU time herd's process used from t0 to the end of the observation (reconnects, their handshakes,
 *              publishing), ms; -1 when the platform does not say
 * @param tls the lost clients' TLS handshakes while they came back, resumed against full (null without TLS)
 */
public record ReconnectStormSection(String policy, DisruptionReport disruption, long settleMs, long observedMs,
                                    boolean timedOut, long openBefore, long lost, Double recovered_50Ms,
                                    Double recovered_95Ms, Double recovered_100Ms, long notRecovered, long attempts,
                                    long peakAttemptsPerSecond, CountDistribution attemptsPerClient,
                                    List<AttemptBin> attemptsOverTime, List<OpenCurveSampler.Point> openCurve,
                                    long publishedDuringOutage, long unpublishedDuringOutage, long messagesLost,
                                    CountDistribution lostPerClient,
                                    long messagesWhileAway, long messagesGotBack, long clientsGotBack,
                                    long cpuMs, ReconnectStormTls tls) {

    public ReconnectStormSection {
        attemptsOverTime = List.copyOf(attemptsOverTime);
        openCurve = List.copyOf(openCurve);
    }
}
