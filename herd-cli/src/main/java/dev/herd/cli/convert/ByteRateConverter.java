package dev.herd.cli.convert;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses byte rates: a byte size as {@link ByteSizeConverter} reads it, per second, e.g. {@code 1KiB/s},
 * {@code 512B/s}, {@code 2MiB/s}; the {@code /s} may be left out. Returned as bytes per second, above 0.
 */
public final class ByteRateConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /** Parses {@code text}; throws {@link TypeConversionException} with a one-line message naming it. */
    public static long parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.endsWith("/s")) {
            s = s.substring(0, s.length() - 2);
        }
        long bytes;
        try {
            bytes = ByteSizeConverter.parse(s);
        } catch (TypeConversionException e) {
            bytes = -1;
        }
        if (bytes <= 0) {
            throw new TypeConversionException(
                    "'" + text + "' is not a byte rate above 0 (expected e.g. 1KiB/s, 512B/s, 2MiB/s)");
        }
        return bytes;
    }
}
