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
 * coordinator starts {@code herd --arguments-from-stdin} and writes the number of arguments, then each argument, each
 * ended by a NUL; the stream stays open for the start signal that may follow ({@link StartBarrier}).
 */
public final class WorkerArguments {

    /** The one argument that says: the real ones come on standard input. */
    public static final String FLAG = "--arguments-from-stdin";

    private WorkerArguments() {
    }

    public static boolean onStdin(String[] args) {
        return args.length == 1 && args[0].equals(FLAG);
    }

    /** Reads the arguments {@link #write} wrote, and no further: what follows on {@code in} is left to be read. */
    public static String[] read(InputStream in) {
        try {
            int count = Integer.parseInt(readField(in));
            String[] args = new String[count];
            for (int i = 0; i < count; i++) {
                args[i] = readField(in);
            }
            return args;
        } catch (IOException | NumberFormatException e) {
            throw new UncheckedIOException("cannot read the worker's arguments from standard input",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** Writes {@code args} for {@link #read} and flushes; the stream stays open. */
    static void write(List<String> args, OutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        field(bytes, Integer.toString(args.size()));
        for (String arg : args) {
            field(bytes, arg);
        }
        out.write(bytes.toByteArray());
        out.flush();
    }

    private static void field(ByteArrayOutputStream bytes, String value) {
        bytes.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        bytes.write(0);
    }

    /** One NUL-ended field, read byte by byte so that nothing after it is consumed. */
    private static String readField(InputStream in) throws IOException {
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        for (int b = in.read(); b != 0; b = in.read()) {
            if (b < 0) {
                throw new IOException("standard input ended inside the worker's arguments");
            }
            field.write(b);
        }
        return field.toString(StandardCharsets.UTF_8);
    }
}
