package dev.herd.engine.secret;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run chooses about redaction: query parameter names to mask besides those that look like credentials
 * ({@code --redact NAME}), and headers whose values may be shown ({@code --show-header NAME}; every other header value
 * given is masked). Names are kept in lower case.
 *
 * @param extraQueryNames query parameters to mask as well
 * @param shownHeaders headers whose values are written as given
 */
public record RedactionPolicy(Set<String> extraQueryNames, Set<String> shownHeaders) {

    /** Mask what looks like a credential and every header value. */
    public static final RedactionPolicy DEFAULT = new RedactionPolicy(Set.of(), Set.of());

    public RedactionPolicy {
        extraQueryNames = lower(extraQueryNames);
        shownHeaders = lower(shownHeaders);
    }

    public boolean headerShown(String name) {
        return shownHeaders.contains(name.toLowerCase(Locale.ROOT));
    }

    private static Set<String> lower(Set<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
