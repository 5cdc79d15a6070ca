package dev.herd.cli;

/** The run could not be carried out (target unreachable at start, generator failure): one line, exit 3. */
public final class RunFailedException extends RuntimeException {
    public RunFailedException(String message) {
        super(message);
    }

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
