package dev.herd.engine.tls;

/**
 * The TLS versions a handshake can end in, as summary.json's {@code tls.versions} counts them ({@code TLSv1.3},
 * {@code TLSv1.2}); herd offers no older ones, so anything else is {@link #OTHER}.
 */
public enum TlsVersion {
    TLS_1_3("TLSv1.3"),
    TLS_1_2("TLSv1.2"),
    OTHER("other");

    private final String key;

    TlsVersion(String key) {
        this.key = key;
    }

    /** The name the JDK and summary.json give it. */
    public String key() {
        return key;
    }

    /** The version named {@code protocol} as {@link javax.net.ssl.SSLSession#getProtocol()} names it. */
    public static TlsVersion of(String protocol) {
        if ("TLSv1.3".equals(protocol)) {
            return TLS_1_3;
        }
        if ("TLSv1.2".equals(protocol)) {
            return TLS_1_2;
        }
        return OTHER;
    }
}
