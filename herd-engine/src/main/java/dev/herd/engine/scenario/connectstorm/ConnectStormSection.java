package dev.herd.engine.scenario.connectstorm;

import dev.herd.engine.scenario.OpenCurveSampler;
import dev.herd.engine.scenario.PhaseFigures;
import java.util.List;
import java.util.Map;

/**
 * summary.json's {@code connect_storm} section.
 *
 * @param clients clients asked to connect
 * @param withinMs the window they were asked to connect in
 * @param askedRate clients per second asked (clients / window)
 * @param achievedRate clients per second that reached open, between the first attempt and the last open
 * @param established clients that reached open
 * @param failed attempts that failed during the storm
 * @param lastOpenMs from the storm's start to the last client open (null when none opened)
 * @param holdMs how long the connections were held afterwards
 * @param openAtHoldStart open connections when the hold began
 * @param openAfterHold open connections when it ended (fewer: the target dropped some)
 * @param phases each connect phase's p50/p95/p99/max during the storm, in ms
 * @param openCurve open connections every 100 ms from the storm's start
 * @param cpuMs CPU time herd's process used from the storm's start until every client was open or had failed (-1
 *              when the platform does not say): with TLS, mostly handshakes
 * @param cpuUsPerConnect that time per client that reached open, microseconds (0 when none did)
 */
public record ConnectStormSection(int clients, long withinMs, double askedRate, double achievedRate, long established,
                                  long failed, Double lastOpenMs, long holdMs, long openAtHoldStart,
                                  long openAfterHold, Map<String, PhaseFigures> phases,
                                  List<OpenCurveSampler.Point> openCurve, long cpuMs, double cpuUsPerConnect) {
}
