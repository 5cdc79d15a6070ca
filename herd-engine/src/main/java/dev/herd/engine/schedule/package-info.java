/**
 * When things should happen: the open-model publish schedule and the connect ramp.
 *
 * <p>Both are pure functions of their start and an index, so a timer that fires late cannot shift later messages or
 * clients, and latency is measured from the time a message was meant to be sent (DESIGN.md, "Measurement rules").
 */
package dev.herd.engine.schedule;
