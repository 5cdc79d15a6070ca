package dev.herd.cli.option;

import dev.herd.api.Slice;
import dev.herd.cli.UsageException;
import java.util.List;
import java.util.Map;

/**
 * {@code --slice I/N} or {@code --slice auto/N}: with {@code auto}, the index comes from the engine that started the
 * process, as its environment names it (a Kubernetes Indexed Job, Slurm ranks, a Slurm array).
 *
 * <pre>{@code
 * Slice s = SliceArgument.parse("auto/8", System.getenv());   // JOB_COMPLETION_INDEX=3 -> 3/8
 * }</pre>
 */
final class SliceArgument {

    /** Where a process's index may be, first found wins. */
    static final List<String> INDEX_VARIABLES = List.of("JOB_COMPLETION_INDEX", "SLURM_PROCID", "SLURM_ARRAY_TASK_ID");

    private SliceArgument() {
    }

    static Slice parse(String text, Map<String, String> environment) {
        String given = text.trim();
        if (given.startsWith("auto/")) {
            String index = null;
            String from = null;
            for (String variable : INDEX_VARIABLES) {
                String value = environment.get(variable);
                if (value != null && !value.isBlank()) {
                    index = value.trim();
                    from = variable;
                    break;
                }
            }
            if (index == null) {
                throw new UsageException("slice (--slice " + text + "): none of " + String.join(", ", INDEX_VARIABLES)
                        + " is set; give the index, e.g. --slice 0" + given.substring(4));
            }
            given = index + given.substring(4);
            try {
                return Slice.parse(given);
            } catch (IllegalArgumentException e) {
                throw new UsageException("slice (--slice " + text + "): " + from + "=" + index + " gives " + e.getMessage());
            }
        }
        try {
            return Slice.parse(given);
        } catch (IllegalArgumentException e) {
            throw new UsageException("slice (--slice): " + e.getMessage());
        }
    }
}
