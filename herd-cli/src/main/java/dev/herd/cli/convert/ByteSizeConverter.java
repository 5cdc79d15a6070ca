package dev.herd.cli.convert;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses byte sizes: {@code 64}, {@code 512B}, {@code 4KiB}, {@code 1MiB}, {@code 2GiB} (powers of 1024)
 * and {@code 4KB}, {@code 1MB} (powers of 1000), returned as a number of bytes.
 */
public final class ByteSizeConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /** Parses {@code text}; throws {@link TypeConversionException} with a one-line message naming it. */
    public static long parse(String text) {
        String s = text == null ? "" : text.trim();
        int unitStart = s.length();
        while (unitStart > 0 && Character.isLetter(s.charAt(unitStart - 1))) {
            unitStart--;
        }
        String unit = s.substring(unitStart).toLowerCase(Locale.ROOT);
        long multiplier = switch (unit) {
            case "", "b" -> 1L;
            case "k", "kb" -> 1_000L;
            case "kib" -> 1L << 10;
            case "mb" -> 1_000_000L;
            case "m", "mib" -> 1L << 20;
            case "gb" -> 1_000_000_000L;
            case "g", "gib" -> 1L << 30;
            default -> -1L;
        };
        double amount;
        try {
            amount = Double.parseDouble(s.substring(0, unitStart).trim());
        } catch (NumberFormatException e) {
            amount = Double.NaN;
        }
        if (multiplier < 0 || Double.isNaN(amount) || amount < 0 || amount * multiplier > Long.MAX_VALUE) {
            throw new TypeConversionException(
                    "'" + text + "' is not a byte size (expected e.g. 64, 512B, 4KiB, 1MiB)");
        }
        return Math.round(amount * multiplier);
    }
}
