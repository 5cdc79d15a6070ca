package dev.herd.cli.convert;

import dev.herd.engine.threshold.ThresholdExpression;
import dev.herd.engine.threshold.ThresholdParser;
import dev.herd.engine.threshold.ThresholdSyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --threshold 'latency.p99 < 50ms'} into a typed expression (grammar in docs/thresholds.md). */
public final class ThresholdConverter implements ITypeConverter<ThresholdExpression> {

    @Override
    public ThresholdExpression convert(String value) {
        try {
            return ThresholdParser.parse(value);
        } catch (ThresholdSyntaxException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
