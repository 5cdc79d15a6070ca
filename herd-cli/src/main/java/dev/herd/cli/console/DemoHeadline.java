package dev.herd.cli.console;

import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.capacity.CapacitySection;
import dev.herd.engine.scenario.connectstorm.ConnectStormSection;
import dev.herd.engine.scenario.fanout.FanoutSection;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormSection;
import dev.herd.engine.scenario.slowsubscriber.SlowSubscribersSection;
import dev.herd.engine.scenario.steady.SteadySection;
import java.util.Locale;

/** One line per run for the demo's overview: the scenario's headline finding. */
public final class DemoHeadline {

    private DemoHeadline() {
    }

    public static String of(RunResult r) {
        String trust = r.generator().trustworthy() ? "" : "  [generator not trustworthy]";
        for (Object section : r.sections().values()) {
            if (section instanceof SteadySection s) {
                return String.format(Locale.ROOT, "%d clients held, %d delivered, %d lost, p99 per window %.2f-%.2f ms,"
                                + " %d drops%s", r.connections().peakOpen(), r.messages().received(), r.messages().lost(),
                        s.p99MinMs(), s.p99MaxMs(), s.dropsTotal(), trust);
            }
            if (section instanceof ConnectStormSection s) {
                return String.format(Locale.ROOT, "%d of %d open in %s ms (%.0f/s asked, %.0f/s achieved), "
                                + "connect p99 %.2f ms%s", s.established(), s.clients(),
                        s.lastOpenMs() == null ? "-" : String.format(Locale.ROOT, "%.0f", s.lastOpenMs()),
                        s.askedRate(), s.achievedRate(), r.connect().get("total").p99(), trust);
            }
            if (section instanceof ReconnectStormSection s) {
                return String.format(Locale.ROOT, "%d lost by the restart; back: 50%% %s, 100%% %s ms; peak %d attempts/s;"
                                + " %d messages lost%s", s.lost(), ms(s.recovered_50Ms()), ms(s.recovered_100Ms()),
                        s.peakAttemptsPerSecond(), s.messagesLost(), trust);
            }
            if (section instanceof SlowSubscribersSection s) {
                return String.format(Locale.ROOT, "%d stalled: the target %s them; healthy p99 %s ms before, %s ms "
                                + "during, %d lost%s", s.slow(), s.classification(), s.healthyP99BeforeMs(),
                        s.healthyP99DuringMs(), s.healthyLost(), trust);
            }
            if (section instanceof FanoutSection s) {
                return s.summary() + trust;
            }
            if (section instanceof CapacitySection s) {
                return String.format(Locale.ROOT, "held %d connections; then %s%s", s.maxConnections(),
                        s.firstFailure() == null ? s.stopReason() : s.firstFailure().mode() + " (" + s.stopReason() + ")",
                        trust);
            }
        }
        return String.format(Locale.ROOT, "%d clients, %d of %d delivered, %d lost, latency p50 %.2f ms, p99 %.2f ms%s",
                r.connections().peakOpen(), r.messages().received(), r.messages().expected(), r.messages().lost(),
                r.latency().p50(), r.latency().p99(), trust);
    }

    private static String ms(Double value) {
        return value == null ? "never" : String.format(Locale.ROOT, "%.0f", value);
    }
}
