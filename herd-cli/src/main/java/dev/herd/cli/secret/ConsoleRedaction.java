package dev.herd.cli.secret;

import dev.herd.engine.secret.RedactionPolicy;
import dev.herd.engine.secret.Redactor;
import java.util.List;

/**
 * The secrets of the command this process runs, as far as it knows them, for what reaches the console: its writers,
 * and {@code System.out}/{@code System.err} where logging goes ({@link RedactingWriter}, {@link RedactingOutputStream}).
 * Secrets are added as they become known: from the command line as soon as it is parsed, from a scenario file when
 * its scenario is built. Process-wide, because the console is.
 *
 * <pre>{@code
 * ConsoleRedaction.add(scenario.redactor());
 * String line = ConsoleRedaction.apply("Authorization: Bearer abc");   // "Authorization: ***"
 * }</pre>
 */
public final class ConsoleRedaction {

    private static volatile Redactor redactor = Redactor.of(RedactionPolicy.DEFAULT);

    private ConsoleRedaction() {
    }

    /** Adds the secret values {@code more} knows of. */
    public static synchronized void add(Redactor more) {
        redactor = redactor.withValues(more.values());
    }

    /** Adds secret values as they are. */
    public static synchronized void add(List<String> values) {
        redactor = redactor.withValues(values);
    }

    /** {@code text} with every secret known so far masked. */
    public static String apply(String text) {
        return redactor.text(text);
    }

    /** Forgets every secret (tests that run several commands in one JVM start clean). */
    public static synchronized void clear() {
        redactor = Redactor.of(RedactionPolicy.DEFAULT);
    }
}
