package dev.herd.engine.protocol;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The options a run gives its protocol ({@code --protocol-option KEY=VALUE}, YAML {@code target.protocol.options}),
 * checked against what the protocol declares: an unknown key, or a value of the wrong kind, is an
 * {@link IllegalArgumentException} of one line naming the option. Each getter falls back on the declared default.
 *
 * <pre>{@code
 * ProtocolOptions o = ProtocolOptions.of("mqtt", Map.of("qos", "1"), MqttProtocol.OPTIONS);
 * int qos = o.integer("qos", 0, 1);
 * }</pre>
 */
public final class ProtocolOptions {

    private final String protocol;
    private final Map<String, String> given;
    private final Map<String, ProtocolOption> declared;

    private ProtocolOptions(String protocol, Map<String, String> given, Map<String, ProtocolOption> declared) {
        this.protocol = protocol;
        this.given = given;
        this.declared = declared;
    }

    public static ProtocolOptions of(String protocol, Map<String, String> given, List<ProtocolOption> declared) {
        Map<String, ProtocolOption> byKey = new LinkedHashMap<>();
        declared.forEach(o -> byKey.put(o.key(), o));
        for (String key : given.keySet()) {
            if (!byKey.containsKey(key)) {
                throw new IllegalArgumentException("protocol option '" + key + "' is not an option of " + protocol
                        + (byKey.isEmpty() ? ", which takes none" : " (its options: "
                        + String.join(", ", byKey.keySet()) + ")"));
            }
        }
        return new ProtocolOptions(protocol, Map.copyOf(given), byKey);
    }

    /** The value given, else the declared default (null when neither). */
    public String text(String key) {
        String value = given.get(key);
        return value != null ? value : option(key).defaultValue();
    }

    /** True when the run gave this option. */
    public boolean given(String key) {
        return given.containsKey(key);
    }

    public boolean flag(String key) {
        String value = text(key).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, "true or false");
        };
    }

    public int integer(String key, int min, int max) {
        try {
            int value = Integer.parseInt(text(key).strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw invalid(key, min == max - 1 ? min + " or " + max : "a whole number from " + min + " to " + max);
    }

    /** One of {@code choices} (compared ignoring case), returned as written there. */
    public String choice(String key, Set<String> choices) {
        String value = text(key);
        for (String choice : choices) {
            if (choice.equalsIgnoreCase(value)) {
                return choice;
            }
        }
        throw invalid(key, choices.stream().sorted().collect(Collectors.joining(" or ")));
    }

    /** A duration such as {@code 500ms}, {@code 10s}, {@code 1m}; {@code 0} is zero. */
    public Duration duration(String key) {
        String value = text(key).strip().toLowerCase(Locale.ROOT);
        try {
            if (value.equals("0")) {
                return Duration.ZERO;
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            switch (value.charAt(value.length() - 1)) {
                case 's':
                    return Duration.ofSeconds(amount);
                case 'm':
                    return Duration.ofMinutes(amount);
                case 'h':
                    return Duration.ofHours(amount);
                default:
                    break;
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // named below
        }
        throw invalid(key, "a duration such as 500ms, 10s or 1m");
    }

    /** The options given, as given. */
    public Map<String, String> given() {
        return given;
    }

    public String protocol() {
        return protocol;
    }

    private ProtocolOption option(String key) {
        ProtocolOption option = declared.get(key);
        if (option == null) {
            throw new IllegalStateException(protocol + " reads an option it does not declare: " + key);
        }
        return option;
    }

    private IllegalArgumentException invalid(String key, String expected) {
        return new IllegalArgumentException("protocol option '" + key + "' of " + protocol + " must be " + expected
                + ", not '" + given.get(key) + "'");
    }
}
