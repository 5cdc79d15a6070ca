package dev.herd.api;

/**
 * A scenario's option, or a combination of options, that cannot run: one line that names the option as a scenario file
 * and the command line name it ({@code topics (--topics) must be at least 1}). {@link #key()} is the option's key in a
 * scenario file ({@code clients.topics}), so a file reader can point at its line.
 *
 * <pre>{@code
 * try {
 *     Herd.broadcast().url(url).topics(0).build();
 * } catch (InvalidOptionException e) {
 *     System.err.println(e.getMessage());   // topics (--topics) must be at least 1
 * }
 * }</pre>
 */
public final class InvalidOptionException extends IllegalArgumentException {

    private final String key;

    public InvalidOptionException(String key, String message) {
        super(message, null);
        this.key = key;
    }

    /** The option's key in a scenario file ({@code clients.topics}), or null when no one option is to blame. */
    public String key() {
        return key;
    }
}
