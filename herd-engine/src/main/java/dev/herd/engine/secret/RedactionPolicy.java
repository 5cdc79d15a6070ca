package dev.herd.engine.secret;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run chooses about redaction: query parameter names to mask besides those that look like credentials
 * ({@code --redact NAME}), headers whose values may be shown ({@code --show-header NAME}; every other header value
 * given is masked), and secret values the front end knows of that the scenario does not show (a truststore's
 * password, a protocol's password). Names are kept in lower case. Its {@code toString} never shows the values.
 *
 * @param extraQueryNames query parameters to mask as well
 * @param shownHeaders headers whose values are written as given
 * @param secretValues values to mask wherever they would be written
 */
public record RedactionPolicy(Set<String> extraQueryNames, Set<String> shownHeaders, Set<String> secretValues) {

    /** Mask what looks like a credential and every header value. */
    public static final RedactionPolicy DEFAULT = new RedactionPolicy(Set.of(), Set.of(), Set.of());

    public RedactionPolicy {
        extraQueryNames = lower(extraQueryNames);
        shownHeaders = lower(shownHeaders);
        secretValues = Set.copyOf(secretValues);
    }

    @Override
    public String toString() {
        return "RedactionPolicy[extraQueryNames=" + extraQueryNames + ", shownHeaders=" + shownHeaders + ", "
                + secretValues.size() + " secret values]";
    }

    public boolean headerShown(String name) {
        return shownHeaders.contains(name.toLowerCase(Locale.ROOT));
    }

    private static Set<String> lower(Set<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
