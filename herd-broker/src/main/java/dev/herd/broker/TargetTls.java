package dev.herd.broker;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

/**
 * The target's TLS: a server {@link SslContext} made from a PKCS12 keystore (such as one made by
 * {@code keytool -genkeypair -storetype PKCS12}), with OpenSSL when it loads, session resumption by tickets and ids in
 * TLS 1.2 and 1.3, ALPN {@code http/1.1}, and client certificates asked for or required when configured.
 *
 * <pre>{@code
 * if (TargetTls.check(keystore, password) == TargetTls.Problem.NONE) {
 *     SslContext server = TargetTls.serverContext(config);
 * }
 * }</pre>
 */
final class TargetTls {

    /** What is wrong with a keystore, so that {@link TargetConfig} can say it in its own words. */
    enum Problem { NONE, UNREADABLE, NOT_PKCS12, WRONG_PASSWORD, NO_PRIVATE_KEY }

    private TargetTls() {
    }

    /** Opens the keystore and its key as {@link #serverContext} will; {@link Problem#NONE} when that works. */
    static Problem check(Path keystore, String password) {
        if (!Files.isRegularFile(keystore) || !Files.isReadable(keystore)) {
            return Problem.UNREADABLE;
        }
        try {
            keyManagers(keystore, password);
            return Problem.NONE;
        } catch (NoPrivateKeyException e) {
            return Problem.NO_PRIVATE_KEY;
        } catch (UnrecoverableKeyException e) {
            return Problem.WRONG_PASSWORD; // the key's own password differs from the store's
        } catch (IOException e) {
            // PKCS12 reports a wrong store password as an IOException caused by UnrecoverableKeyException.
            return e.getCause() instanceof UnrecoverableKeyException ? Problem.WRONG_PASSWORD : Problem.NOT_PKCS12;
        } catch (GeneralSecurityException e) {
            return Problem.NOT_PKCS12;
        }
    }

    /** The server context of {@code config}; call only for a keystore {@link #check} accepted. */
    static SslContext serverContext(TargetConfig config) {
        Path keystore = config.tlsKeystore();
        try {
            KeyStore store = load(keystore, config.tlsKeystorePassword());
            char[] secret = config.tlsKeystorePassword().toCharArray();
            PrivateKey key = null;
            X509Certificate[] chain = null;
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificateChain(alias) != null) {
                    key = (PrivateKey) store.getKey(alias, secret);
                    chain = Arrays.stream(store.getCertificateChain(alias)).map(c -> (X509Certificate) c)
                            .toArray(X509Certificate[]::new);
                    break;
                }
            }
            // The key and chain themselves, not a KeyManagerFactory: with them Netty's OpenSSL keeps the key in
            // native form once, instead of converting it at every handshake.
            SslContextBuilder builder = SslContextBuilder.forServer(key, chain)
                    .sslProvider(config.tlsProvider().netty())
                    .protocols(config.tlsVersions())
                    .clientAuth(config.tlsClientAuth().netty())
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, "http/1.1"));
            if (config.tlsClientCa() != null) {
                builder.trustManager(clientAuthorities(config.tlsClientCa()).toArray(new X509Certificate[0]));
            }
            SslContext context = builder.build();
            if (context.sessionContext() instanceof OpenSslSessionContext openssl) {
                // TLS 1.2 session tickets as well as ids (Netty's OpenSSL server issues only ids unless told);
                // BoringSSL makes and rotates the ticket keys itself.
                openssl.setTicketKeys();
            }
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS from " + keystore + ": " + e.getMessage(), e);
        }
    }

    /**
     * The certificates of {@code file} (PEM, one or more, or DER) that vouch for client certificates. Throws
     * {@link IllegalArgumentException} ending in why (the caller names the option).
     */
    static List<X509Certificate> clientAuthorities(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("does not exist or cannot be read");
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("holds no certificate");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("is not a PEM or DER certificate (" + e.getMessage() + ")");
        }
    }

    private static KeyStore load(Path keystore, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static KeyManagerFactory keyManagers(Path keystore, String password)
            throws IOException, GeneralSecurityException {
        char[] secret = password.toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, secret);
        }
        boolean hasKey = false;
        for (String alias : Collections.list(store.aliases())) {
            hasKey |= store.isKeyEntry(alias) && store.getCertificateChain(alias) != null;
        }
        if (!hasKey) {
            throw new NoPrivateKeyException();
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, secret);
        return factory;
    }

    /** The keystore opened but holds only certificates (a truststore given by mistake). */
    private static final class NoPrivateKeyException extends SSLException {
        private static final long serialVersionUID = 1L;

        NoPrivateKeyException() {
            super("no private key");
        }
    }
}
