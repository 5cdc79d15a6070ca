package dev.herd.engine.secret;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Masks a run's secrets in what herd writes: {@link #url(String)} by a URL's structure (user-info, credential-like
 * query parameters), {@link #text(String)} by value (every secret the run knows of, wherever it appears: a console
 * line, an error message). Immutable; any thread.
 *
 * <pre>{@code
 * Redactor r = Redactor.of(RedactionPolicy.DEFAULT).withUrl("wss://u:pw@host/ws?access_token=abc")
 *         .withHeaders(Map.of("Authorization", "Bearer xyz"));
 * r.url("wss://u:pw@host/ws?access_token=abc&room=1");  // "wss://***@host/ws?access_token=***&room=1"
 * r.text("upgrade refused for Bearer xyz");               // "upgrade refused for ***"
 * }</pre>
 */
public final class Redactor {

    /** What a secret is written as. */
    public static final String MASK = "***";
    /**
     * Values shorter than this are masked only where the URL's structure shows them, not wherever they appear in
     * text: masking every "1" or "on" would garble the output and protect nothing.
     */
    static final int MIN_TEXT_SECRET_LENGTH = 4;

    private final RedactionPolicy policy;
    private final List<String> values;

    private Redactor(RedactionPolicy policy, List<String> values) {
        this.policy = policy;
        this.values = values;
    }

    /** A redactor that knows the policy's own secret values and no others yet. */
    public static Redactor of(RedactionPolicy policy) {
        return new Redactor(policy, List.of()).withValues(policy.secretValues());
    }

    /** Adds what {@code url} carries: its user-info and the values of its credential-like query parameters. */
    public Redactor withUrl(String url) {
        if (url == null) {
            return this;
        }
        UrlParts parts = UrlParts.split(url);
        List<String> found = new ArrayList<>();
        if (parts.userInfo() != null) {
            found.add(parts.userInfo());
            int colon = parts.userInfo().indexOf(':');
            if (colon >= 0) {
                found.add(parts.userInfo().substring(colon + 1));
            }
        }
        for (String[] param : parts.queryParams()) {
            if (param[1] != null && !param[1].isEmpty() && SecretNames.looksSecret(param[0], policy.extraQueryNames())) {
                found.add(param[1]);
            }
        }
        return withValues(found);
    }

    /** Adds the values of every header not shown by the policy. */
    public Redactor withHeaders(Map<String, String> headers) {
        List<String> found = new ArrayList<>();
        headers.forEach((name, value) -> {
            if (!policy.headerShown(name)) {
                found.add(value);
                // "Bearer abc": the credential alone may also appear in text.
                int space = value.indexOf(' ');
                if (space > 0 && space < value.length() - 1) {
                    found.add(value.substring(space + 1));
                }
            }
        });
        return withValues(found);
    }

    /** Adds secret values as they are (passwords, tokens). Null or empty values are ignored. */
    public Redactor withValues(Iterable<String> secrets) {
        Set<String> all = new LinkedHashSet<>(values);
        for (String s : secrets) {
            if (s != null && !s.isEmpty() && !s.equals(MASK)) {
                all.add(s);
            }
        }
        List<String> sorted = new ArrayList<>(all);
        // Longest first, so that a secret containing another is masked whole.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(policy, List.copyOf(sorted));
    }

    public RedactionPolicy policy() {
        return policy;
    }

    /** Every secret value known, longest first. */
    public List<String> values() {
        return values;
    }

    /** {@code url} with its user-info and credential-like query values masked; the rest as given. */
    public String url(String url) {
        if (url == null) {
            return null;
        }
        return UrlParts.split(url).masked(policy.extraQueryNames());
    }

    /** {@code text} with every known secret value of at least four characters masked. */
    public String text(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : values) {
            if (secret.length() >= MIN_TEXT_SECRET_LENGTH && out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    /** A header's value as it may be written: as given when the policy shows it, else masked. */
    public String header(String name, String value) {
        return policy.headerShown(name) ? value : MASK;
    }
}
