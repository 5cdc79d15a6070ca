package dev.herd.cli.command;

import dev.herd.cli.ExitCode;
import dev.herd.cli.RunFailedException;
import dev.herd.cli.option.LoadOptions;
import dev.herd.cli.run.ResultsDirectory;
import dev.herd.cli.run.ScenarioExecution;
import dev.herd.cli.scenario.BuiltInScenarios;
import dev.herd.cli.scenario.ScenarioSettings;
import dev.herd.engine.result.RunResult;
import dev.herd.target.TargetConfig;
import dev.herd.target.TargetServer;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
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
        TargetServer target;
        try {
            target = TargetServer.start(TargetConfig.builder().bind("127.0.0.1").port(0).build());
        } catch (Exception e) {
            throw new RunFailedException("could not start the reference target: " + e.getMessage(), e);
        }
        List<Step> steps = new ArrayList<>();
        try {
            InetSocketAddress address = target.localAddress();
            String base = "127.0.0.1:" + address.getPort();
            console.printf("reference target listening on %s%n", base);
            console.printf("  subscribe: ws://%s/ws/{topic}  or  curl -N http://%s/sse/{topic}%n", base, base);
            console.printf("  publish:   curl -X POST --data hello http://%s/pub/{topic}%n%n", base);
            console.flush();
            String ws = "ws://" + base + "/ws/{topic}";
            String sse = "http://" + base + "/sse/{topic}";
            String pub = "http://" + base + "/pub/{topic}";
            Duration runFor = quick ? Duration.ofSeconds(2) : Duration.ofSeconds(4);
            steps.add(run("steady over WebSocket", root.resolve("steady-ws"),
                    steady(ws, null, quick ? 200 : 1000, runFor)));
            steps.add(run("broadcast over WebSocket", root.resolve("broadcast-ws"),
                    broadcast(ws, null, quick ? 100 : 400, 4, quick ? 200 : 1000, runFor)));
            steps.add(run("steady over SSE", root.resolve("steady-sse"),
                    steady(sse, pub, quick ? 200 : 1000, runFor)));
            steps.add(run("broadcast over SSE", root.resolve("broadcast-sse"),
                    broadcast(sse, pub, quick ? 100 : 400, 4, quick ? 200 : 1000, runFor)));
        } finally {
            target.close();
        }
        printOverview(console, steps, root);
        return steps.stream().allMatch(s -> s.exitCode == 0) ? ExitCode.PASSED.code() : ExitCode.THRESHOLD_FAILED.code();
    }

    private record Step(String title, RunResult result, Path dir, int exitCode) {
    }

    private Step run(String title, Path dir, ScenarioSettings settings) {
        PrintWriter console = spec.commandLine().getOut();
        console.printf("%n### %s%n", title);
        console.flush();
        settings.quiet = quiet;
        ScenarioExecution.Outcome outcome = new ScenarioExecution(console, quiet)
                .execute(BuiltInScenarios.build(settings), dir);
        return new Step(title, outcome.result(), outcome.directory(), outcome.exitCode());
    }

    private static ScenarioSettings steady(String url, String publishUrl, int clients, Duration duration) {
        ScenarioSettings s = base(url, publishUrl);
        s.scenario = "steady";
        s.subscribers = clients;
        s.topics = 10;
        s.rate = 20.0;
        s.duration = duration;
        return s;
    }

    private static ScenarioSettings broadcast(String url, String publishUrl, int subscribers, int topics, double rate,
                                              Duration duration) {
        ScenarioSettings s = base(url, publishUrl);
        s.scenario = "broadcast";
        s.subscribers = subscribers;
        s.topics = topics;
        s.rate = rate;
        s.duration = duration;
        return s;
    }

    private static ScenarioSettings base(String url, String publishUrl) {
        ScenarioSettings s = new ScenarioSettings();
        s.url = url;
        s.publishUrl = publishUrl;
        s.connectWithin = Duration.ofSeconds(1);
        s.drain = Duration.ofSeconds(2);
        s.reconnect = LoadOptions.Reconnect.EXPONENTIAL;
        return s;
    }

    private static void printOverview(PrintWriter console, List<Step> steps, Path root) {
        console.printf(Locale.ROOT, "%n== demo overview%n%-26s %8s %10s %10s %8s %9s %9s  %s%n", "scenario", "clients",
                "delivered", "expected", "lost", "p50 ms", "p99 ms", "trustworthy");
        for (Step s : steps) {
            RunResult r = s.result();
            console.printf(Locale.ROOT, "%-26s %8d %10d %10d %8d %9.2f %9.2f  %s%n", s.title(),
                    r.connections().peakOpen(), r.messages().received(), r.messages().expected(), r.messages().lost(),
                    r.latency().p50(), r.latency().p99(), r.generator().trustworthy() ? "yes" : "no");
        }
        console.printf("results in %s%n", root);
        console.flush();
    }
}
