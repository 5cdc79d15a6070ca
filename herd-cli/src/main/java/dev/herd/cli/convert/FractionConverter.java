package dev.herd.cli.convert;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a fraction written as {@code 0.01} or {@code 1%}; it must lie between 0 and 1. */
public final class FractionConverter implements ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        return parse(value);
    }

    public static double parse(String text) {
        String s = text == null ? "" : text.trim();
        try {
            double v = s.endsWith("%") ? Double.parseDouble(s.substring(0, s.length() - 1).trim()) / 100
                    : Double.parseDouble(s);
            if (v >= 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("'" + text + "' is not a fraction between 0 and 1 (e.g. 0.01 or 1%)");
    }
}
