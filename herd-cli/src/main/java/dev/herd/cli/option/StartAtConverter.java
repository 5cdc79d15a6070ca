package dev.herd.cli.option;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --start-at}: an RFC 3339 instant ({@code 2026-12-06T21:30:00Z}, an offset allowed) or epoch milliseconds. */
public final class StartAtConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        String text = value.trim();
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is too large for epoch milliseconds");
            }
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a time (expected RFC 3339, e.g. "
                    + "2026-12-06T21:30:00Z, or epoch milliseconds)");
        }
    }
}
