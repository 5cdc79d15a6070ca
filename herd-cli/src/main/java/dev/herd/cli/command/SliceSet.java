package dev.herd.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.api.Slice;
import dev.herd.cli.UsageException;
import dev.herd.report.merge.WorkerResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The slices of one run given to {@code herd merge --expect N}: every index from 0 to N-1 exactly once, each of the
 * same run, scenario and N; with {@code --wait}, the merge waits (bounded) for the slices still running.
 *
 * <pre>{@code
 * List<WorkerResult> slices = SliceSet.await(List.of(Path.of("/results")), 8, Duration.ofMinutes(10), read, out);
 * }</pre>
 */
final class SliceSet {

    private static final long POLL_MILLIS = 1000;

    private SliceSet() {
    }

    /**
     * The results directories {@code given} names: each one that holds a summary.json, and for one that does not, its
     * subdirectories that do.
     */
    static List<Path> resultDirectories(List<Path> given) {
        List<Path> found = new ArrayList<>();
        for (Path dir : given) {
            if (Files.isRegularFile(dir.resolve("summary.json")) || !Files.isDirectory(dir)) {
                found.add(dir); // a missing one is named when it is read
                continue;
            }
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(c -> Files.isRegularFile(c.resolve("summary.json"))).sorted().forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /**
     * The {@code expect} slices of one run among {@code given} (waiting up to {@code wait} for the last to appear);
     * a missing, doubled or foreign slice is a usage error naming it.
     */
    static List<WorkerResult> await(List<Path> given, int expect, Duration wait, Function<Path, WorkerResult> read,
                                    PrintWriter out) {
        long deadline = System.nanoTime() + (wait == null ? 0 : wait.toNanos());
        boolean told = false;
        while (true) {
            List<Path> dirs = resultDirectories(given).stream().filter(d -> Files.isRegularFile(d.resolve("summary.json"))
                    && Files.isRegularFile(d.resolve("intervals.hlog"))).toList();
            if (dirs.size() >= expect || System.nanoTime() >= deadline) {
                return check(dirs.isEmpty() ? resultDirectories(given) : dirs, expect, read);
            }
            if (!told) {
                out.printf("waiting for %d of %d slices' results (up to %s)%n", expect - dirs.size(), expect, wait);
                out.flush();
                told = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UsageException("interrupted while waiting for slices' results");
            }
        }
    }

    private static List<WorkerResult> check(List<Path> dirs, int expect, Function<Path, WorkerResult> read) {
        TreeMap<Integer, WorkerResult> byIndex = new TreeMap<>();
        String runId = null;
        for (Path dir : dirs) {
            WorkerResult w = read.apply(dir);
            JsonNode slice = w.summary().path("slice");
            if (!slice.isTextual()) {
                throw new UsageException(dir + " is not a slice of a split run (its summary.json has no slice; was it "
                        + "run with --slice I/" + expect + "?)");
            }
            Slice s;
            try {
                s = Slice.parse(slice.asText());
            } catch (IllegalArgumentException e) {
                throw new UsageException(dir + ": slice " + e.getMessage());
            }
            if (s.count() != expect) {
                throw new UsageException(dir + " is slice " + s + ", not one of " + expect + " (--expect " + expect
                        + ")");
            }
            String id = w.summary().path("run_id").asText("");
            if (runId == null) {
                runId = id;
            } else if (!runId.equals(id)) {
                throw new UsageException(dir + " is slice " + s + " of run " + id + ", not of run " + runId
                        + " (give every slice the same --run-id)");
            }
            WorkerResult twice = byIndex.put(s.index(), w);
            if (twice != null) {
                throw new UsageException("slice " + s + " is there twice: " + twice.directory() + " and " + dir);
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < expect; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException("slice" + (missing.size() == 1 ? " " : "s ") + missing.stream()
                    .map(i -> i + "/" + expect).reduce((a, b) -> a + ", " + b).orElse("") + " missing: no results "
                    + "directory given holds " + (missing.size() == 1 ? "it" : "them"));
        }
        return new ArrayList<>(byIndex.values());
    }
}
