package dev.herd.broker.http;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the query parameters of the admin endpoints. Each reader throws {@link IllegalArgumentException} with
 * a one-line reason naming the parameter, which the admin handler answers as 400.
 *
 * <p>Durations are written as on herd's command line: {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 1m};
 * a bare number means seconds.
 */
final class AdminParameters {

    private final Map<String, List<String>> parameters;

    AdminParameters(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    Duration duration(String name) {
        String text = required(name).trim().toLowerCase(Locale.ROOT);
        int unitStart = text.length();
        while (unitStart > 0 && Character.isLetter(text.charAt(unitStart - 1))) {
            unitStart--;
        }
        double nanosPerUnit = switch (text.substring(unitStart)) {
            case "ms" -> 1e6;
            case "", "s" -> 1e9;
            case "m" -> 60e9;
            default -> -1;
        };
        double amount = parseDouble(text.substring(0, unitStart));
        if (nanosPerUnit < 0 || !(amount >= 0) || amount * nanosPerUnit > Duration.ofHours(1).toNanos()) {
            throw new IllegalArgumentException(
                    "parameter '" + name + "' must be a duration up to 1h such as 500ms or 2s, was '" + text + "'");
        }
        return Duration.ofNanos(Math.round(amount * nanosPerUnit));
    }

    double fraction(String name) {
        String text = required(name);
        double value = parseDouble(text.trim());
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(
                    "parameter '" + name + "' must be a number from 0 to 1, was '" + text + "'");
        }
        return value;
    }

    int count(String name) {
        String text = required(name);
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "parameter '" + name + "' must be a whole number from 0, was '" + text + "'");
    }

    /** An optional flag: absent, {@code true} or {@code false}; anything else is a bad request. */
    boolean flag(String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return false;
        }
        String text = values.get(0).trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("1")) {
            return true;
        }
        if (text.equals("false") || text.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be true or false, not '" + values.get(0) + "'");
    }

    String required(String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            throw new IllegalArgumentException("missing parameter '" + name + "'");
        }
        return values.get(0);
    }

    private static double parseDouble(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
