package dev.herd.engine.scenario.slowsubscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseClassifierTest {

    private static ResponseClassifier.Facts facts(int disconnected, Map<String, Long> codes, long skipped,
                                                  long undelivered, double latencyMaxMs, long healthyLost) {
        return new ResponseClassifier.Facts(10, 5000, disconnected, codes, disconnected > 0 ? 5100.0 : null,
                disconnected > 0 ? 5200.0 : null, skipped, skipped > 0 ? 10 : 0, skipped > 0 ? 40 : 0,
                skipped > 0 ? 60 : 0, undelivered, latencyMaxMs, healthyLost, 0, null);
    }

    @Test
    void aDisconnectOutweighsGapsAndDelay() {
        ResponseClassifier.Verdict v = ResponseClassifier.classify(facts(3, Map.of("1006", 2L, "1008", 1L), 500, 0,
                5000, 0));

        assertThat(v.response()).isEqualTo(ServerResponse.DISCONNECTED);
        assertThat(v.evidence()).startsWith("3 of 10 slow subscribers were disconnected")
                .contains("no close frame x2").contains("close 1008 x1").contains("5.10 s (p50)")
                .contains("5.20 s (max)");
    }

    @Test
    void gapsWithoutADisconnectAreDrops() {
        ResponseClassifier.Verdict v = ResponseClassifier.classify(facts(0, Map.of(), 500, 0, 5000, 0));

        assertThat(v.response()).isEqualTo(ServerResponse.DROPPED);
        assertThat(v.evidence()).contains("10 of 10 have sequence gaps: 500 messages lost (40-60 each)");
    }

    @Test
    void noLossButALatencyNearTheStallIsBuffering() {
        ResponseClassifier.Verdict v = ResponseClassifier.classify(facts(0, Map.of(), 0, 0, 4900, 0));

        assertThat(v.response()).isEqualTo(ServerResponse.BUFFERED);
        assertThat(v.evidence()).contains("up to 4.90 s late against a 5.00 s stall");
    }

    @Test
    void messagesStillOnTheirWayWhenTheRunEndsAreNotGaps() {
        ResponseClassifier.Verdict v = ResponseClassifier.classify(facts(0, Map.of(), 0, 120, 1500, 0));

        assertThat(v.response()).isEqualTo(ServerResponse.BUFFERED);
        assertThat(v.evidence()).endsWith("and 120 were still undelivered at the end");
    }

    @Test
    void aLatencyWellUnderTheStallIsUnaffected() {
        ResponseClassifier.Verdict v = ResponseClassifier.classify(facts(0, Map.of(), 0, 0, 2400, 0));

        assertThat(v.response()).isEqualTo(ServerResponse.UNAFFECTED);
        assertThat(v.evidence()).contains("latency max (2.40 s)");
    }

    @Test
    void harmToHealthySubscribersIsNamedInTheEvidence() {
        ResponseClassifier.Verdict v = ResponseClassifier.classify(facts(0, Map.of(), 500, 0, 5000, 7));

        assertThat(v.response()).isEqualTo(ServerResponse.DROPPED);
        assertThat(v.evidence()).endsWith("; healthy subscribers were hit too (7 lost, 0 disconnected)");
    }

    @Test
    void theTargetsOwnCountsBackTheCall() {
        TargetStatsFigures target = new TargetStatsFigures("drop", 500L, 0L, 0L, Map.of());
        ResponseClassifier.Facts f = facts(0, Map.of(), 500, 0, 5000, 0);
        ResponseClassifier.Facts withTarget = new ResponseClassifier.Facts(f.slow(), f.stallForMs(), f.disconnected(),
                f.closeCodes(), f.disconnectP50Ms(), f.disconnectMaxMs(), f.skipped(), f.withGaps(), f.minSkipped(),
                f.maxSkipped(), f.undelivered(), f.latencyMaxMs(), f.healthyLost(), f.healthyDisconnected(), target);

        assertThat(ResponseClassifier.classify(withTarget).evidence()).endsWith("; target /stats: 500 dropped");
    }
}
