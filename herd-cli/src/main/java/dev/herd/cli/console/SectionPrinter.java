package dev.herd.cli.console;

import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.capacity.CapacitySection;
import dev.herd.engine.scenario.capacity.CapacityStep;
import dev.herd.engine.scenario.connectstorm.ConnectStormSection;
import dev.herd.engine.scenario.fanout.FanoutPoint;
import dev.herd.engine.scenario.fanout.FanoutSection;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormSection;
import dev.herd.engine.scenario.slowsubscriber.SlowSubscribersSection;
import dev.herd.engine.scenario.steady.SteadySection;
import dev.herd.engine.scenario.steady.SteadyWindow;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A few lines per scenario section under the summary table: what the scenario found, in its own terms.
 */
public final class SectionPrinter {

    private final PrintWriter out;

    public SectionPrinter(PrintWriter out) {
        this.out = out;
    }

    public void print(RunResult r) {
        for (Object section : r.sections().values()) {
            if (section instanceof ConnectStormSection s) {
                connectStorm(s);
            } else if (section instanceof SteadySection s) {
                steady(s);
            } else if (section instanceof FanoutSection s) {
                fanout(s);
            } else if (section instanceof CapacitySection s) {
                capacity(s);
            } else if (section instanceof ReconnectStormSection s) {
                new ReconnectStormPrinter(out).print(s);
            } else if (section instanceof SlowSubscribersSection s) {
                slowSubscribers(s);
            }
        }
        out.flush();
    }

    private void connectStorm(ConnectStormSection s) {
        out.printf(Locale.ROOT, "storm        %d clients within %d ms: asked %.0f/s, achieved %.0f/s, %d open, %d failed, "
                        + "last open at %s ms, %d still open after %d ms%n", s.clients(), s.withinMs(), s.askedRate(),
                s.achievedRate(), s.established(), s.failed(), s.lastOpenMs() == null ? "-" : fmt(s.lastOpenMs()),
                s.openAfterHold(), s.holdMs());
        if (s.cpuMs() >= 0) {
            out.printf(Locale.ROOT, "  cpu        %d ms while connecting: %.1f µs per connection opened%n", s.cpuMs(),
                    s.cpuUsPerConnect());
        }
    }

    private void steady(SteadySection s) {
        out.printf(Locale.ROOT, "steady       %d windows of %d ms: p99 from %s to %s ms (stability x%.2f), %d drops%n",
                s.windows().size(), s.windowMs(), fmt(s.p99MinMs()), fmt(s.p99MaxMs()), s.p99Stability(),
                s.dropsTotal());
        for (SteadyWindow w : s.windows()) {
            out.printf(Locale.ROOT, "  window %-3d p50 %8s  p99 %8s  max %8s ms  received %8d  drops %4d  open %d%n",
                    w.index(), fmt(w.latency().p50()), fmt(w.latency().p99()), fmt(w.latency().max()), w.received(),
                    w.drops(), w.openAtEnd());
        }
    }

    private void fanout(FanoutSection s) {
        out.printf(Locale.ROOT, "fan-out      %s%n", s.summary());
        for (FanoutPoint p : s.points()) {
            out.printf(Locale.ROOT, "  %6d subscribers  p50 %8s  p95 %8s  p99 %8s  max %8s ms  %10.0f deliveries/s"
                            + "  lost %d%n", p.subscribers(), fmt(p.p50Ms()), fmt(p.p95Ms()), fmt(p.p99Ms()),
                    fmt(p.maxMs()), p.deliveriesPerSecond(), p.lost());
        }
    }

    private void capacity(CapacitySection s) {
        out.printf(Locale.ROOT, "capacity     held %d connections; stopped by %s%s%n", s.maxConnections(), s.stopReason(),
                s.firstFailure() == null ? "" : ": " + s.firstFailure().mode() + " (" + s.firstFailure().detail() + ")");
        for (CapacityStep step : s.steps()) {
            out.printf(Locale.ROOT, "  step %-3d target %6d  open %6d  handshake p99 %8s ms  errors %5.1f%%  %s%n",
                    step.step(), step.targetConnections(), step.open(),
                    step.handshakeP99Ms() == 0 && !step.passed() ? "-" : fmt(step.handshakeP99Ms()),
                    step.errorRate() * 100, step.passed() ? "ok" : "FAILED " + step.failures());
        }
    }

    private void slowSubscribers(SlowSubscribersSection s) {
        out.printf(Locale.ROOT, "slow         %d of %d subscribers stalled: the target %s them (%s)%n", s.slow(),
                s.subscribers(), s.classification(), s.evidence());
        out.printf(Locale.ROOT, "  healthy    p99 before %s  during %s  after %s ms, lost %d%n",
                s.healthyP99BeforeMs(), s.healthyP99DuringMs(), s.healthyP99AfterMs(), s.healthyLost());
    }

    private static String fmt(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.2f", ms);
    }
}
