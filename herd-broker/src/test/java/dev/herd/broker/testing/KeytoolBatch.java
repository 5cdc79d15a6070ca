package dev.herd.broker.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs several {@code keytool} commands in one JVM, so that a test's certificates take one JVM start instead of one
 * per command (each is most of a second). Started by {@link TestPki} with
 * {@code --add-exports java.base/sun.security.tools.keytool=ALL-UNNAMED}; commands are separated by
 * {@value #NEXT}. Exits non-zero at the first command that fails, having printed keytool's own message.
 *
 * <pre>{@code
 * java --add-exports java.base/sun.security.tools.keytool=ALL-UNNAMED -cp test-classes \
 *     dev.herd.broker.testing.KeytoolBatch -genkeypair ... --next -exportcert ...
 * }</pre>
 */
public final class KeytoolBatch {

    static final String NEXT = "--next";

    private KeytoolBatch() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        Class<?> keytool = Class.forName("sun.security.tools.keytool.Main");
        // keytool's main returns when a command succeeds and exits the JVM with its code when one fails.
        Method run = keytool.getMethod("main", String[].class);
        List<String> command = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals(NEXT)) {
                runOne(run, command);
                command.clear();
            } else {
                command.add(arg);
            }
        }
        runOne(run, command);
    }

    private static void runOne(Method run, List<String> command)
            throws ReflectiveOperationException {
        if (command.isEmpty()) {
            return;
        }
        try {
            run.invoke(null, (Object) command.toArray(new String[0]));
        } catch (InvocationTargetException e) {
            System.out.println("keytool " + Arrays.toString(command.toArray()) + " failed: " + e.getCause());
            System.exit(1);
        }
    }
}
