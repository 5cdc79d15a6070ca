package dev.herd.engine.result;

/**
 * JSON received from elsewhere (e.g. the reference target's /stats), kept as text in the result model and
 * written into summary.json as JSON, not as a string.
 */
public record RawJson(String json) {
}
