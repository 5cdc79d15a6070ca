package dev.herd.cli.secret;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer that passes text on a line at a time, with {@link ConsoleRedaction}'s secrets masked. A line is held until
 * its end or a flush, so a secret written in pieces is still seen whole.
 */
public final class RedactingWriter extends Writer {

    private final Writer out;
    private final StringBuilder line = new StringBuilder();

    public RedactingWriter(Writer out) {
        super(out);
        this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        synchronized (lock) {
            for (int i = offset; i < offset + length; i++) {
                line.append(chars[i]);
                if (chars[i] == '\n') {
                    emit();
                }
            }
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            emit();
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            emit();
            out.close();
        }
    }

    private void emit() throws IOException {
        if (line.length() > 0) {
            out.write(ConsoleRedaction.apply(line.toString()));
            line.setLength(0);
        }
    }
}
