package dev.herd.cli.secret;

import java.io.PrintWriter;

/** A console writer whose lines have {@link ConsoleRedaction}'s secrets masked; flushes at each line, like the one it wraps. */
public final class RedactingPrintWriter extends PrintWriter {

    public RedactingPrintWriter(PrintWriter out) {
        super(new RedactingWriter(out), true);
    }
}
