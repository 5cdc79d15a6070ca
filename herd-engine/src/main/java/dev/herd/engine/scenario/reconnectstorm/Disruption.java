package dev.herd.engine.scenario.reconnectstorm;

import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.scenario.BoundedWait;
import dev.herd.engine.scenario.ReferenceTarget;
import dev.herd.engine.scenario.StageContext;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * What the reconnect storm does to the clients' connections at its instant t0: restart herd's reference target,
 * run a command of the user's (which restarts their own server), or reset every connection from herd's side.
 *
 * <pre>{@code
 * Disruption restart = new Disruption.TargetRestart(Duration.ofSeconds(2));
 * Disruption command = new Disruption.Command("docker restart chat", Duration.ofMinutes(1));
 * Disruption drop = new Disruption.ClientDrop();
 * }</pre>
 *
 * <p>Each runs on the stage's control thread and waits only through the stage's bounded, abort-aware waits.
 */
public sealed interface Disruption {

    /**
     * Throws a {@link DisruptionUnavailableException} saying what to use instead when the target at {@code url} is
     * not herd's reference target (a target restart needs its admin endpoint).
     */
    static void requireReferenceTarget(TargetUrl url, ClientOptions client, BoundedWait wait) {
        ReferenceTarget.of(url, client).whyNotReferenceTarget(wait).ifPresent(why -> {
            throw new DisruptionUnavailableException("target-restart needs herd's reference target (herd target), "
                    + "but " + why + "; to disrupt another server use --disrupt-cmd '<command that restarts it>' "
                    + "(YAML: command), or --disrupt client-drop");
        });
    }


    /** The kind as summary.json names it: {@code target-restart}, {@code command}, {@code client-drop}. */
    String kind();

    /** The most {@link #carryOut} may take; the storm's windows are sized with it. */
    Duration maxDuration();

    /** Checks, before any client connects, that this disruption can be carried out against the target. */
    default void check(StageContext ctx) {
    }

    /** Disrupts now; returns what was done. */
    DisruptionReport carryOut(StageContext ctx);

    /**
     * {@code POST /admin/restart?down=D} on herd's reference target: every connection ends (WebSocket close 1012,
     * SSE streams end), the listening socket stays closed for {@code down}; topics and replay buffers survive.
     */
    record TargetRestart(Duration down) implements Disruption {

        public TargetRestart {
            Objects.requireNonNull(down, "down");
            if (down.isNegative() || down.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("down must be between 0 and 1h: " + down);
            }
        }

        @Override
        public String kind() {
            return "target-restart";
        }

        @Override
        public Duration maxDuration() {
            return ReferenceTarget.REQUEST_TIMEOUT.plusSeconds(1);
        }

        @Override
        public void check(StageContext ctx) {
            requireReferenceTarget(ctx.scenario().url(), ctx.scenario().client(), ctx::waitUntil);
        }

        @Override
        public DisruptionReport carryOut(StageContext ctx) {
            ReferenceTarget admin = ReferenceTarget.of(ctx.scenario().url(), ctx.scenario().client());
            String request = "POST " + admin.restartUri(down);
            try {
                ReferenceTarget.Answer answer = admin.restart(down, ctx::waitUntil);
                String error = answer.status() == 202 ? null
                        : "the target answered " + answer.status() + ": " + answer.firstLine();
                return new DisruptionReport(kind(), request + " -> " + answer.status(), null, error);
            } catch (IOException e) {
                return new DisruptionReport(kind(), request, null, e.getMessage());
            }
        }
    }

    /** A command run once with {@code /bin/sh -c}, for at most {@code timeout} (then it is killed). */
    record Command(String command, Duration timeout) implements Disruption {

        public Command {
            Objects.requireNonNull(command, "command");
            if (command.isBlank()) {
                throw new IllegalArgumentException("the disruption command is empty");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the command's timeout must be positive: " + timeout);
            }
        }

        @Override
        public String kind() {
            return "command";
        }

        @Override
        public Duration maxDuration() {
            return timeout.plusSeconds(2);
        }

        @Override
        public DisruptionReport carryOut(StageContext ctx) {
            return ShellCommand.run(command, timeout, ctx::waitUntil);
        }
    }

    /**
     * Every open subscriber connection is reset from herd's side (TCP RST, no close frame), then each client comes
     * back by its reconnect policy: works against any target.
     */
    record ClientDrop() implements Disruption {

        @Override
        public String kind() {
            return "client-drop";
        }

        @Override
        public Duration maxDuration() {
            return Duration.ZERO;
        }

        @Override
        public DisruptionReport carryOut(StageContext ctx) {
            long open = ctx.clients().gauge().open();
            for (ClientSession s : ctx.subscribers()) {
                // Sessions that are not open ignore this on their loop.
                s.dropAbruptly();
            }
            return new DisruptionReport(kind(), "reset the " + open + " open subscriber connections from herd's side",
                    null, null);
        }
    }
}
