/**
 * herd from Java (docs/java.md): {@link dev.herd.api.Herd} gives a builder per built-in scenario, each taking every
 * option the {@code herd} command takes with the same defaults (declared once, as {@code DEFAULT_…} constants of the
 * builders) and the same one-line errors ({@link dev.herd.api.InvalidOptionException}); {@code run()} returns the
 * typed result with its thresholds checked.
 */
package dev.herd.api;
