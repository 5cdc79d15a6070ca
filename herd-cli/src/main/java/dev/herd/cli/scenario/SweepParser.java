package dev.herd.cli.scenario;

import dev.herd.cli.UsageException;
import java.util.ArrayList;
import java.util.List;

/** Parses a fan-out sweep, {@code subscribers=10,100,1000}: what is swept and its values, increasing. */
public final class SweepParser {

    private SweepParser() {
    }

    public static List<Integer> parse(String text) {
        String s = text.trim();
        int eq = s.indexOf('=');
        if (eq < 0 || !s.substring(0, eq).trim().equals("subscribers")) {
            throw new UsageException("--sweep '" + text + "': expected subscribers=N1,N2,... (e.g. subscribers=10,100,1000)");
        }
        List<Integer> values = new ArrayList<>();
        for (String part : s.substring(eq + 1).split(",")) {
            try {
                int v = Integer.parseInt(part.trim());
                if (v < 1 || (!values.isEmpty() && v <= values.get(values.size() - 1))) {
                    throw new UsageException("--sweep '" + text + "': counts must be positive and increasing");
                }
                values.add(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--sweep '" + text + "': '" + part.trim() + "' is not a whole number");
            }
        }
        return values;
    }
}
