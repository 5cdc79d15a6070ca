package dev.herd.cli.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a worker process gets its command line: on its standard input, not in its argv, which every user of the host
 * can read ({@code ps}, {@code /proc/PID/cmdline}) and which would show the run's headers, tokens and passwords. The
 * coordinator starts {@code herd --arguments-from-stdin} and writes the arguments, each ended by a NUL.
 */
public final class WorkerArguments {

    /** The one argument that says: the real ones come on standard input. */
    public static final String FLAG = "--arguments-from-stdin";

    private WorkerArguments() {
    }

    public static boolean onStdin(String[] args) {
        return args.length == 1 && args[0].equals(FLAG);
    }

    /** Reads NUL-ended arguments until the end of {@code in}. */
    public static String[] read(InputStream in) {
        try {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (all.isEmpty()) {
                return new String[0];
            }
            return all.substring(0, all.length() - (all.endsWith("\0") ? 1 : 0)).split("\0", -1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the worker's arguments from standard input", e);
        }
    }

    /** Writes {@code args} for {@link #read}, then closes the stream. */
    static void write(List<String> args, OutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String arg : args) {
            bytes.writeBytes(arg.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
        }
        try (out) {
            out.write(bytes.toByteArray());
        }
    }
}
