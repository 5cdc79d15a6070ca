package dev.herd.engine.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;

/**
 * Which TLS engine herd's clients use: OpenSSL (BoringSSL through netty-tcnative) or the JDK's. {@link #AUTO} takes
 * OpenSSL when its native library loads on this machine and the JDK's otherwise; OpenSSL costs less CPU per
 * handshake, so a TLS connect storm measures the target rather than herd (docs/benchmarks.md has the figures).
 *
 * <pre>{@code
 * TlsProvider used = TlsProvider.AUTO.resolve();   // OPENSSL or JDK, never AUTO
 * }</pre>
 */
public enum TlsProvider {
    /** OpenSSL when it loads, else the JDK's. */
    AUTO,
    /** OpenSSL (BoringSSL) through netty-tcnative; an error where it does not load. */
    OPENSSL,
    /** The JDK's TLS (SunJSSE). */
    JDK;

    /** The name as the command line and summary.json write it: {@code auto}, {@code openssl}, {@code jdk}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The provider named {@code key} ({@code auto}, {@code openssl}, {@code jdk}, any case). */
    public static TlsProvider of(String key) {
        for (TlsProvider p : values()) {
            if (p.key().equalsIgnoreCase(key.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + key + "' is not a TLS provider (expected auto, openssl or jdk)");
    }

    /**
     * The provider a run uses: {@link #OPENSSL} or {@link #JDK}. Throws {@link IllegalArgumentException} naming
     * the cause when OpenSSL was asked for and its native library does not load here.
     */
    public TlsProvider resolve() {
        return switch (this) {
            case AUTO -> OpenSsl.isAvailable() ? OPENSSL : JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalArgumentException("OpenSSL (netty-tcnative) does not load on this machine: "
                            + OpenSsl.unavailabilityCause());
                }
                yield OPENSSL;
            }
            case JDK -> JDK;
        };
    }

    /**
     * What the provider is, for the log and summary.json ({@code BoringSSL}, {@code SunJSSE 17.0.15}); call on a
     * resolved provider.
     */
    public String library() {
        if (this == OPENSSL) {
            return OpenSsl.versionString();
        }
        try {
            java.security.Provider jsse = javax.net.ssl.SSLContext.getDefault().getProvider();
            return jsse.getName() + " " + jsse.getVersionStr();
        } catch (java.security.NoSuchAlgorithmException e) {
            return "JDK";
        }
    }

    SslProvider netty() {
        return this == OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK;
    }
}
