package dev.herd.cli.secret;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * A byte stream that passes text on a line at a time with {@link ConsoleRedaction}'s secrets masked: what
 * {@code System.out} and {@code System.err} become, so that log lines are masked like the rest of the console.
 */
public final class RedactingOutputStream extends OutputStream {

    private final OutputStream out;
    private final Charset charset;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    public RedactingOutputStream(OutputStream out, Charset charset) {
        this.out = out;
        this.charset = charset;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        emit();
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        emit();
        out.close();
    }

    private void emit() throws IOException {
        if (line.size() > 0) {
            out.write(ConsoleRedaction.apply(line.toString(charset)).getBytes(charset));
            line.reset();
        }
    }
}
