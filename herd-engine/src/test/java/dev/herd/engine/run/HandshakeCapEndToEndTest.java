package dev.herd.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionEvents;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.connect.ConnectPhase;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.testing.Scenarios;
import dev.herd.broker.testing.TargetFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code Stage.Connect(..., maxHandshakesInFlight)}: a listener that counts attempts started minus attempts
 * ended (open or failed) never sees more than the cap, whatever the number of event loops (the cap is one
 * count for the run), and every client still opens.
 */
class HandshakeCapEndToEndTest {

    private static final int SUBSCRIBERS = 30;

    @ParameterizedTest(name = "a cap of {1} over {0} event loops")
    @CsvSource({"2, 2", "4, 2", "2, 1", "3, 5"})
    void neverMoreAttemptsInProgressThanTheCapWhateverTheLoopsAndEveryClientOpens(int loops, int cap) {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            InFlight inFlight = new InFlight();
            RunResult r = run(target, loops, cap, inFlight);

            assertThat(r.connections().established()).isEqualTo(SUBSCRIBERS);
            assertThat(r.connections().failed()).isZero();
            assertThat(inFlight.started.get()).isEqualTo(SUBSCRIBERS);
            assertThat(inFlight.now.get()).isZero();
            assertThat(inFlight.max.get()).isBetween(1, cap);
        }
    }

    @Test
    void withoutACapTheSameRampHasManyAttemptsInProgressAtOnce() {
        // The control: the whole ramp starts within a millisecond, so uncapped attempts overlap.
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            InFlight inFlight = new InFlight();
            RunResult r = run(target, 2, 0, inFlight);

            assertThat(r.connections().established()).isEqualTo(SUBSCRIBERS);
            assertThat(inFlight.max.get()).isGreaterThan(2);
        }
    }

    private static RunResult run(TargetFixture target, int loops, int cap, SessionEvents events) {
        Scenario scenario = new Scenario("connect", TargetUrl.parse(Scenarios.ws(target)), null, SUBSCRIBERS, 1,
                "topic-", ClientOptions.defaults(), MessageSpec.defaults(),
                List.of(new Stage.Connect(Duration.ofMillis(1), false, cap)), loops);
        return new Run(scenario, List.of()).sessionEvents(events).execute();
    }

    /** Attempts in progress across every loop, and the most seen at once. */
    private static final class InFlight implements SessionEvents {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();

        @Override
        public void onAttempt(ClientSession session, int attempt, long nowNanos) {
            started.incrementAndGet();
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
        }

        @Override
        public void onOpen(ClientSession session, boolean reopened, long nowNanos) {
            now.decrementAndGet();
        }

        @Override
        public void onAttemptFailed(ClientSession session, ConnectPhase phase, FailureReason reason, long nowNanos) {
            now.decrementAndGet();
        }
    }
}
