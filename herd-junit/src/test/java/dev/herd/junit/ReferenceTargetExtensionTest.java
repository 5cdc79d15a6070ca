package dev.herd.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.api.Herd;
import dev.herd.engine.result.GeneratorReport;
import dev.herd.engine.result.RunResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A test class as a herd user writes one: the reference target for the class, a broadcast, assertions on it. */
class ReferenceTargetExtensionTest {

    @RegisterExtension
    static ReferenceTargetExtension target = new ReferenceTargetExtension(b -> b.delay(Duration.ofMillis(5)));

    @Test
    void aBroadcastThroughTheReferenceTargetDeliversEverything() {
        RunResult result = Herd.broadcast().url(target.webSocketUrl()).subscribers(20).topics(2).rate(100)
                .duration(Duration.ofSeconds(1)).connectWithin(Duration.ofMillis(200)).loops(2)
                .threshold("messages.lost == 0").run();

        HerdAssertions.assertThat(result).passed().lostNothing().receivedEverything().established(20)
                .noFailedConnections().received(100L * 20 / 2);
        assertThat(result.latency().min()).isGreaterThanOrEqualTo(5.0);
        assertThat(target.stats().messages().in()).as("one target serves the whole class").isGreaterThanOrEqualTo(100);
    }

    @Test
    void theUrlsNameTheTargetsLoopbackPort() {
        assertThat(target.port()).isPositive();
        assertThat(target.webSocketUrl()).isEqualTo("ws://127.0.0.1:" + target.port() + "/ws/{topic}");
        assertThat(target.sseUrl()).isEqualTo("http://127.0.0.1:" + target.port() + "/sse/{topic}");
        assertThat(target.publishUrl()).isEqualTo("http://127.0.0.1:" + target.port() + "/pub/{topic}");
        assertThat(target.config().delay()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void aFailedAssertionNamesTheFigureAndTheRun() {
        RunResult result = Herd.broadcast().url(target.sseUrl()).publishUrl(target.publishUrl()).subscribers(4)
                .rate(20).duration(Duration.ofMillis(500)).loops(1).threshold("messages.received < 1").run();

        assertThatThrownBy(() -> HerdAssertions.assertThat(result).passed()).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("messages.received < 1").hasMessageContaining("broadcast run");
        assertThatThrownBy(() -> HerdAssertions.assertThat(result).latencyP99Below(Duration.ofNanos(1)))
                .hasMessageContaining("latency p99 below");
    }

    @Test
    void anUntrustworthyRunAbortsTheTestInsteadOfJudgingItsLatency() {
        RunResult result = Herd.broadcast().url(target.webSocketUrl()).subscribers(4).rate(20)
                .duration(Duration.ofMillis(500)).loops(1).run();
        RunResult saturated = withGenerator(result, false, List.of("event loops ran late: lag p99 90 ms (limit 20 ms)"));
        RunResult calm = withGenerator(result, true, List.of());

        assertThatThrownBy(() -> HerdAssertions.assertThat(saturated).lostNothing().assumingTrustworthy()
                .latencyP99Below(Duration.ofNanos(1)))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("event loops ran late");
        assertThatThrownBy(() -> HerdAssertions.assertThat(calm).assumingTrustworthy()
                .latencyP99Below(Duration.ofNanos(1)))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("latency p99 below");
    }

    /** The same result with herd's verdict on itself replaced: a saturated run is hard to make on purpose. */
    private static RunResult withGenerator(RunResult r, boolean trustworthy, List<String> reasons) {
        GeneratorReport g = r.generator();
        GeneratorReport verdict = new GeneratorReport(g.maxEventLoopLagMs(), g.eventLoopLagP99Ms(), g.cpuPercent(),
                g.peakCpuPercent(), g.gcPauseMs(), g.maxGcPauseMsPerSecond(), g.peakHeapBytes(),
                g.peakOpenFileDescriptors(), g.maxFileDescriptors(), g.peakClientSockets(), g.ephemeralPortRange(),
                g.eventLoops(), trustworthy, reasons);
        return new RunResult(r.scenario(), r.runId(), r.started(), r.durationMs(), r.workers(), r.role(), r.target(),
                r.connections(), r.connect(), r.messages(), r.latency(), r.serviceTime(), r.publishers(), verdict,
                r.thresholds(), r.verdict(), r.interrupted(), r.sections());
    }
}
