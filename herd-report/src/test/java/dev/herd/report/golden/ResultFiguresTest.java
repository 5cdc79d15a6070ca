package dev.herd.report.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.result.ResultFigures;
import dev.herd.engine.result.RunResult;
import dev.herd.report.summary.SummaryFigures;
import dev.herd.report.summary.SummaryJsonWriter;
import org.junit.jupiter.api.Test;

/**
 * The engine checks thresholds against the typed result (ResultFigures); scripts and {@code herd merge} read the same
 * figures from summary.json (SummaryFigures). The two must agree on every path and value, or a threshold would pass in
 * one and fail in the other.
 */
class ResultFiguresTest {

    @Test
    void theTypedResultHasEveryFigureOfItsSummaryJsonWithTheSameValue() {
        RunResult result = ResultWritersGoldenTest.result();

        assertThat(ResultFigures.of(result).asMap())
                .isEqualTo(new SummaryFigures(new SummaryJsonWriter().toJson(result)).asMap());
    }
}
