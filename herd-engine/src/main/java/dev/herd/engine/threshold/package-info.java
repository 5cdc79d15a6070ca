/**
 * Thresholds: pass/fail criteria over the figures of summary.json, such as {@code latency.p99 < 50ms}.
 *
 * <p>An expression is parsed once, at the edge, into a {@link dev.herd.engine.threshold.ThresholdExpression}
 * ({@link dev.herd.engine.threshold.ThresholdParser} documents the grammar); the
 * {@link dev.herd.engine.threshold.FigureCatalogue} says which figures exist and what kind each is, so a
 * misspelt figure or a unit that does not fit it is rejected before the run starts. The
 * {@link dev.herd.engine.threshold.ThresholdEvaluator} checks expressions against a run's figures at the end, and
 * tells during the run whether one is lost for good (abort on fail). User documentation: {@code docs/thresholds.md}.
 */
package dev.herd.engine.threshold;
