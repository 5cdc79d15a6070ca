package dev.herd.engine.secret;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which URL query parameter names look like credentials. A name counts when, lower-cased and with {@code -} and
 * {@code _} left out, it is or ends with one of {@link #CREDENTIAL_WORDS} ({@code access_token}, {@code X-Amz-Signature},
 * {@code client_secret}, {@code api-key}, …), or is one of the names a run adds ({@code --redact NAME}).
 */
public final class SecretNames {

    /** The words a credential's parameter name is or ends with. */
    public static final List<String> CREDENTIAL_WORDS = List.of("token", "auth", "key", "apikey", "password", "passwd", "passcode",
            "pwd", "secret", "signature", "sig", "jwt", "session", "sessionid", "credential", "credentials");

    private SecretNames() {
    }

    /** True when {@code name} looks like a credential, or is one of {@code extra} (compared ignoring case). */
    public static boolean looksSecret(String name, Set<String> extra) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (extra.contains(lower)) {
            return true;
        }
        String folded = lower.replace("-", "").replace("_", "");
        for (String word : CREDENTIAL_WORDS) {
            if (folded.endsWith(word)) {
                return true;
            }
        }
        return false;
    }
}
