package dev.herd.cli.command;

import dev.herd.api.Herd;
import dev.herd.api.ScenarioBuilder;
import dev.herd.cli.ExitCode;
import dev.herd.cli.console.DemoHeadline;
import dev.herd.cli.RunFailedException;
import dev.herd.cli.run.ResultsDirectory;
import dev.herd.cli.run.ScenarioExecution;
import dev.herd.engine.result.RunResult;
import dev.herd.broker.TargetConfig;
import dev.herd.broker.TargetServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herd demo}: starts the reference target in this process on a free loopback port and runs the
 * built-in scenarios against it, over WebSocket and over SSE, so a newcomer sees real results with one
 * command and no server of their own.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the built-in scenarios against herd's own reference target (in-process, loopback).",
                "Needs nothing else; writes results under results/demo-<time>/."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: results/demo-<yyyyMMdd-HHmmss>).")
    Path out;

    @Option(names = "--quick", description = "Even shorter runs (for a smoke test).")
    boolean quick;

    @Option(names = {"-q", "--quiet"}, description = "No per-second status lines; only the summaries.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        Path root = ResultsDirectory.create(out, "demo");
        List<Step> steps = new ArrayList<>();
        long started = System.nanoTime();
        try (TargetServer target = startTarget(TargetConfig.builder().bind("127.0.0.1").port(0).build())) {
            String base = "127.0.0.1:" + target.localAddress().getPort();
            console.printf("reference target listening on %s%n", base);
            console.printf("  subscribe: ws://%s/ws/{topic}  or  curl -N http://%s/sse/{topic}%n", base, base);
            console.printf("  publish:   curl -X POST --data hello http://%s/pub/{topic}%n", base);
            console.flush();
            String ws = "ws://" + base + "/ws/{topic}";
            String sse = "http://" + base + "/sse/{topic}";
            String pub = "http://" + base + "/pub/{topic}";

            warmUp(ws, root);
            steps.add(run("steady over WebSocket", root.resolve("steady-ws"), steady(ws, null)));
            steps.add(run("steady over SSE", root.resolve("steady-sse"), steady(sse, pub)));
            steps.add(run("connect storm", root.resolve("connect-storm"), connectStorm(ws)));
            steps.add(run("reconnect storm", root.resolve("reconnect-storm"), reconnectStorm(ws)));
            steps.add(run("broadcast fan-out sweep", root.resolve("fanout"), fanout(ws)));
            steps.add(run("slow subscriber", root.resolve("slow-subscriber"), slowSubscriber(ws)));
        }
        // Capacity gets a target of its own with a connection limit, so the search finds a breaking point.
        int limit = quick ? 300 : 1500;
        try (TargetServer limited = startTarget(TargetConfig.builder().bind("127.0.0.1").port(0)
                .maxConnections(limit).build())) {
            steps.add(run("capacity (target limited to " + limit + ")", root.resolve("capacity"),
                    capacity("ws://127.0.0.1:" + limited.localAddress().getPort() + "/ws/{topic}", limit)));
        }
        printOverview(console, steps, root, Duration.ofNanos(System.nanoTime() - started));
        return steps.stream().allMatch(s -> s.exitCode == 0) ? ExitCode.PASSED.code() : ExitCode.THRESHOLD_FAILED.code();
    }

    /**
     * A short run that is not reported: the first seconds of a fresh JVM go to class loading and the JIT compiler,
     * which on a small machine delays the event loops, and the first scenario would be judged untrustworthy for it.
     */
    private void warmUp(String url, Path root) {
        PrintWriter console = spec.commandLine().getOut();
        console.println("\nwarming up the JVM (a short run, not reported)...");
        console.flush();
        ScenarioBuilder<?> warm = base(Herd.broadcast(), url, null).subscribers(200).topics(4).rate(400)
                .duration(Duration.ofSeconds(quick ? 1 : 2)).connectWithin(Duration.ofMillis(500))
                .drain(Duration.ofSeconds(1));
        Path dir = root.resolve(".warm-up");
        new ScenarioExecution(new PrintWriter(java.io.Writer.nullWriter()), true)
                .execute(ScenarioExecution.build(warm), dir);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // only clutter is left behind
        }
    }

    private static TargetServer startTarget(TargetConfig config) {
        try {
            return TargetServer.start(config);
        } catch (RuntimeException e) {
            throw new RunFailedException("could not start the reference target: " + e.getMessage(), e);
        }
    }

    private record Step(String title, RunResult result, Path dir, int exitCode) {
    }

    private Step run(String title, Path dir, ScenarioBuilder<?> scenario) {
        PrintWriter console = spec.commandLine().getOut();
        console.printf("%n### %s%n", title);
        console.flush();
        ScenarioExecution.Outcome outcome = new ScenarioExecution(console, quiet)
                .execute(ScenarioExecution.build(scenario), dir);
        return new Step(title, outcome.result(), outcome.directory(), outcome.exitCode());
    }

    private ScenarioBuilder<?> steady(String url, String publishUrl) {
        return base(Herd.steady(), url, publishUrl).clients(quick ? 200 : 1000).topics(10).rate(50)
                .duration(Duration.ofSeconds(quick ? 3 : 6)).window(Duration.ofSeconds(quick ? 1 : 2));
    }

    private ScenarioBuilder<?> connectStorm(String url) {
        return base(Herd.connectStorm(), url, null).clients(quick ? 500 : 3000).topics(10)
                .within(Duration.ofSeconds(quick ? 1 : 2)).hold(Duration.ofSeconds(1));
    }

    private ScenarioBuilder<?> reconnectStorm(String url) {
        return base(Herd.reconnectStorm(), url, null).clients(quick ? 100 : 500).topics(5).rate(50)
                .reconnectBase(Duration.ofMillis(100)).reconnectCap(Duration.ofSeconds(2)).down(Duration.ofSeconds(1))
                .settle(Duration.ofSeconds(1)).observe(Duration.ofSeconds(15));
    }

    private ScenarioBuilder<?> fanout(String url) {
        return base(Herd.fanoutSweep(quick ? new int[] {10, 100} : new int[] {10, 100, 1000}), url, null).topics(1)
                .rate(100).duration(Duration.ofSeconds(quick ? 1 : 2)).drain(Duration.ofSeconds(2));
    }

    private ScenarioBuilder<?> slowSubscriber(String url) {
        return base(Herd.slowSubscriber(), url, null).subscribers(quick ? 40 : 100).topics(4).slowCount(4)
                .stallAfter(Duration.ofSeconds(quick ? 1 : 2)).stallFor(Duration.ofSeconds(quick ? 3 : 5))
                .after(Duration.ofSeconds(quick ? 1 : 2));
    }

    private ScenarioBuilder<?> capacity(String url, int limit) {
        return base(Herd.capacity(), url, null).topics(10).step(limit / 5).stepEvery(Duration.ofMillis(500))
                .settle(Duration.ofMillis(300)).limit(limit * 2);
    }

    /** What every demo run shares: the target's URLs, a one-second ramp, a two-second drain. */
    private static <B extends ScenarioBuilder<B>> B base(B builder, String url, String publishUrl) {
        return builder.url(url).publishUrl(publishUrl).connectWithin(Duration.ofSeconds(1))
                .drain(Duration.ofSeconds(2));
    }

    private static void printOverview(PrintWriter console, List<Step> steps, Path root, Duration took) {
        console.printf(Locale.ROOT, "%n== demo overview (%d s)%n", took.toSeconds());
        for (Step s : steps) {
            console.printf(Locale.ROOT, "%-34s %s%n", s.title(), DemoHeadline.of(s.result()));
        }
        console.printf("results in %s (each run has report.html)%n", root);
        console.flush();
    }
}
