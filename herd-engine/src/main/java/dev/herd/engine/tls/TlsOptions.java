package dev.herd.engine.tls;

import dev.herd.api.ScenarioBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SNIHostName;

/**
 * How herd's clients speak TLS to a {@code wss://} or {@code https://} target, beyond what they trust: the provider,
 * session resumption, a client certificate, the server name sent, the versions and ALPN offered. Verification
 * ({@code trust}, {@code insecure}) is in {@link dev.herd.engine.client.ClientOptions}.
 *
 * <pre>{@code
 * TlsOptions tls = TlsOptions.defaults().withProvider(TlsProvider.JDK).withResume(false)
 *         .withClientCertificate("client.pem", "client-key.pem", null);
 * }</pre>
 *
 * @param provider which TLS engine: {@link TlsProvider#AUTO} takes OpenSSL when it loads
 * @param resume resume each client's previous session when it reconnects (session tickets or ids), as browsers do
 * @param clientCert a PEM certificate chain (or one PEM file holding chain and key) or a PKCS12 store with the key,
 *                   shown when the server asks; may hold placeholders ({@code {client}}, feeder columns) naming a file
 *                   per client; null for none
 * @param clientKey the PEM private key (PKCS#8) of a PEM {@code clientCert}; may hold placeholders; null when the
 *                  certificate file holds the key
 * @param clientKeyPassword opens an encrypted PEM key or the PKCS12 store; null for none
 * @param sni the server name sent (SNI) and verified instead of the URL's host; null for the URL's host
 * @param versions the protocol versions offered ({@code TLSv1.3}, {@code TLSv1.2})
 * @param alpn the application protocols offered (ALPN, RFC 7301), empty for no ALPN extension
 * @param baseDir what relative certificate and key paths are relative to (a scenario file's directory); null for the
 *                working directory
 */
public record TlsOptions(TlsProvider provider, boolean resume, String clientCert, String clientKey,
                         String clientKeyPassword, String sni, List<String> versions, List<String> alpn,
                         Path baseDir) {

    /** The versions herd can offer: the ones browsers still offer. */
    public static final List<String> SUPPORTED_VERSIONS = List.of("TLSv1.3", "TLSv1.2");

    public TlsOptions {
        java.util.Objects.requireNonNull(provider, "provider");
        versions = normalizedVersions(versions);
        alpn = checkedAlpn(alpn);
        clientCert = blankToNull(clientCert);
        clientKey = blankToNull(clientKey);
        sni = blankToNull(sni);
        if (clientCert == null && clientKey != null) {
            throw new IllegalArgumentException("client_key (--client-key) needs client_cert (--client-cert)");
        }
        if (clientCert == null && clientKeyPassword != null) {
            throw new IllegalArgumentException("client_key_password (--client-key-password) needs client_cert "
                    + "(--client-cert)");
        }
        if (sni != null) {
            try {
                new SNIHostName(sni);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sni (--sni) '" + sni + "' is not a host name: " + e.getMessage());
            }
        }
    }

    /** Browser-like: the provider chosen at run time, resumption on, TLS 1.3 and 1.2, ALPN {@code http/1.1}. */
    public static TlsOptions defaults() {
        return new TlsOptions(ScenarioBuilder.DEFAULT_TLS_PROVIDER, ScenarioBuilder.DEFAULT_TLS_RESUME, null, null,
                null, null, ScenarioBuilder.DEFAULT_TLS_VERSIONS, ScenarioBuilder.DEFAULT_TLS_ALPN, null);
    }

    public TlsOptions withProvider(TlsProvider newProvider) {
        return new TlsOptions(newProvider, resume, clientCert, clientKey, clientKeyPassword, sni, versions, alpn,
                baseDir);
    }

    public TlsOptions withResume(boolean resumeSessions) {
        return new TlsOptions(provider, resumeSessions, clientCert, clientKey, clientKeyPassword, sni, versions, alpn,
                baseDir);
    }

    /** Shows this certificate (and key) when the server asks for one; paths may hold per-client placeholders. */
    public TlsOptions withClientCertificate(String cert, String key, String password) {
        return new TlsOptions(provider, resume, cert, key, password, sni, versions, alpn, baseDir);
    }

    public TlsOptions withSni(String serverName) {
        return new TlsOptions(provider, resume, clientCert, clientKey, clientKeyPassword, serverName, versions, alpn,
                baseDir);
    }

    public TlsOptions withVersions(List<String> offered) {
        return new TlsOptions(provider, resume, clientCert, clientKey, clientKeyPassword, sni, offered, alpn, baseDir);
    }

    public TlsOptions withAlpn(List<String> offered) {
        return new TlsOptions(provider, resume, clientCert, clientKey, clientKeyPassword, sni, versions, offered,
                baseDir);
    }

    public TlsOptions withBaseDir(Path dir) {
        return new TlsOptions(provider, resume, clientCert, clientKey, clientKeyPassword, sni, versions, alpn, dir);
    }

    /** True when the certificate or key path holds a placeholder: each client may show its own. */
    public boolean certificatePerClient() {
        return hasPlaceholder(clientCert) || hasPlaceholder(clientKey);
    }

    /** A path as given, made absolute against {@link #baseDir()} when it is relative. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
    }

    /** Like a record's, without the key's password: options may be logged. */
    @Override
    public String toString() {
        return "TlsOptions[provider=" + provider.key() + ", resume=" + resume + ", clientCert=" + clientCert
                + ", clientKey=" + clientKey + ", sni=" + sni + ", versions=" + versions + ", alpn=" + alpn + "]";
    }

    /**
     * {@code TLSv1.3}, {@code 1.3}, {@code tls1.3} and the like, as the JDK names them, each once; only 1.2 and 1.3
     * (browsers have dropped the older ones, and so has the JDK's default configuration).
     */
    static List<String> normalizedVersions(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw new IllegalArgumentException("tls versions (--tls-versions) must name at least one version "
                    + "(TLSv1.3, TLSv1.2)");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : given) {
            String s = v.strip().toLowerCase(Locale.ROOT).replace("tlsv", "").replace("tls", "");
            switch (s) {
                case "1.3" -> out.add("TLSv1.3");
                case "1.2" -> out.add("TLSv1.2");
                default -> throw new IllegalArgumentException("tls versions (--tls-versions): '" + v.strip()
                        + "' is not a version herd offers (TLSv1.3, TLSv1.2)");
            }
        }
        return List.copyOf(out);
    }

    private static List<String> checkedAlpn(List<String> given) {
        if (given == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String p : given) {
            String s = p.strip();
            if (s.isEmpty() || s.equalsIgnoreCase("none")) {
                continue;
            }
            if (s.length() > 255 || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("alpn (--alpn): '" + s + "' is not a protocol name (1 to 255 "
                        + "printable ASCII characters, e.g. http/1.1)");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    private static boolean hasPlaceholder(String path) {
        return path != null && dev.herd.engine.client.ClientPlaceholders.hasPlaceholders(path);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
