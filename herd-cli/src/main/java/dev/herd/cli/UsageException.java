package dev.herd.cli;

/** Bad input from the user (a flag value, a scenario file): printed as one line, exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
