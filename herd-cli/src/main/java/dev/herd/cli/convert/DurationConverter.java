package dev.herd.cli.convert;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations as people write them on a command line: {@code 250us}, {@code 20ms}, {@code 1.5s},
 * {@code 2m}, {@code 1h}. A bare number means seconds.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** Parses {@code text}; throws {@link TypeConversionException} with a one-line message naming it. */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim();
        int unitStart = s.length();
        while (unitStart > 0 && Character.isLetter(s.charAt(unitStart - 1))) {
            unitStart--;
        }
        String number = s.substring(0, unitStart).trim();
        String unit = s.substring(unitStart).toLowerCase(java.util.Locale.ROOT);
        double nanosPerUnit = switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "", "s" -> 1e9;
            case "m", "min" -> 60e9;
            case "h" -> 3600e9;
            default -> -1;
        };
        double amount;
        try {
            amount = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            amount = Double.NaN;
        }
        if (nanosPerUnit < 0 || Double.isNaN(amount) || amount < 0 || Double.isInfinite(amount)) {
            throw new TypeConversionException(
                    "'" + text + "' is not a duration (expected e.g. 500ms, 2s, 1.5m, 1h)");
        }
        return Duration.ofNanos(Math.round(amount * nanosPerUnit));
    }
}
