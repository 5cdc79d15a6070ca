package dev.herd.engine.scenario.capacity;

/**
 * What broke first.
 *
 * @param condition which stop condition: {@code error_rate}, {@code dropped} or {@code handshake_p99}
 * @param mode the dominant cause, e.g. {@code http_503}, {@code refused}, {@code timeout},
 *             {@code local_fd_exhausted} (a limit of the generator, not the target)
 * @param count how many times it happened in the failing step
 * @param detail one sentence with the numbers
 */
public record CapacityFailure(String condition, String mode, long count, String detail) {
}
