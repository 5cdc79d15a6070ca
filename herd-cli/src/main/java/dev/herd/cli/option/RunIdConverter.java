package dev.herd.cli.option;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A run id as the stamp writes it: 1 to 8 lowercase or uppercase hex digits. */
public final class RunIdConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        String s = value.trim();
        if (s.isEmpty() || s.length() > 8 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new TypeConversionException("'" + value + "' is not a run id (1 to 8 hex digits, e.g. 1a2b3c4d)");
        }
        return Long.parseLong(s, 16);
    }
}
