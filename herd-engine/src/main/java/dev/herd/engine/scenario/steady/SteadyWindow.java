package dev.herd.engine.scenario.steady;

import dev.herd.engine.scenario.PhaseFigures;

/**
 * One window (normally a minute) of a steady run.
 *
 * @param index the window's number, from 0
 * @param startMs its start, from the start of publishing
 * @param lengthMs its length (the last may be shorter)
 * @param latency latency percentiles of the messages received in it
 * @param received deliveries received in it
 * @param drops connections the target closed or that broke in it
 * @param reconnects reconnects that reached open in it
 * @param openAtEnd connections open at its end
 */
public record SteadyWindow(int index, long startMs, long lengthMs, PhaseFigures latency, long received, long drops,
                           long reconnects, long openAtEnd) {
}
