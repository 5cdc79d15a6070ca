package dev.herd.engine.protocol;

/**
 * One option a protocol takes ({@code --protocol-option KEY=VALUE}): its key, its default (declared here once; null
 * when there is none) and what it means, for help and docs.
 */
public record ProtocolOption(String key, String defaultValue, String description) {
}
