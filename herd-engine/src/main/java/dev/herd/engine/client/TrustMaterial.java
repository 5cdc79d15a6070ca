package dev.herd.engine.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates herd's clients trust instead of the JDK's default authorities, so that a target with a
 * self-signed certificate is verified (chain and host name) rather than not checked at all ({@code insecure}).
 * Read from a PEM file (one or more certificates) or a PKCS12 or JKS truststore.
 *
 * <pre>{@code
 * TrustMaterial trust = TrustMaterial.load(Path.of("target.pem"), null);        // PEM: no password
 * TrustMaterial store = TrustMaterial.load(Path.of("trust.p12"), "changeit");   // a truststore
 * }</pre>
 */
public final class TrustMaterial {

    private final Path source;
    private final List<X509Certificate> certificates;

    private TrustMaterial(Path source, List<X509Certificate> certificates) {
        this.source = source;
        this.certificates = List.copyOf(certificates);
    }

    /**
     * Reads the certificates of {@code file}; {@code storePassword} opens a truststore and is ignored for PEM.
     * Throws {@link IllegalArgumentException} with a one-line reason naming the file.
     */
    public static TrustMaterial load(Path file, String storePassword) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " does not exist or cannot be read");
        }
        List<X509Certificate> certificates = isPem(bytes) ? fromPem(file, bytes) : fromStore(file, storePassword);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no certificate"
                    + (storePassword == null && !isPem(bytes) ? " that can be read without its password" : ""));
        }
        return new TrustMaterial(file, certificates);
    }

    /** The file the certificates came from. */
    public Path source() {
        return source;
    }

    /** The trusted certificates, at least one. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** A JDK {@link SSLContext} trusting exactly these certificates, for clients outside Netty (the admin API). */
    public SSLContext sslContext() {
        return sslContext(null);
    }

    /** As {@link #sslContext()}, showing the client certificate of {@code keyManagers} when asked (null: none). */
    public SSLContext sslContext(javax.net.ssl.KeyManager[] keyManagers) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagerFactory().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS trust from " + source + ": " + e.getMessage(), e);
        }
    }

    /** The JDK's PKIX trust managers with exactly these certificates as anchors. */
    public TrustManagerFactory trustManagerFactory() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust from " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TrustMaterial{" + source + ", " + certificates.size() + " certificate(s)}";
    }

    private static boolean isPem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.US_ASCII);
        return head.contains("-----BEGIN CERTIFICATE-----");
    }

    private static List<X509Certificate> fromPem(Path file, byte[] bytes) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) c);
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + " is not a valid PEM certificate (" + e.getMessage() + ")");
        }
    }

    private static List<X509Certificate> fromStore(Path file, String storePassword) {
        KeyStore store;
        try {
            // Probes the file: PKCS12 or JKS, whatever its name.
            store = KeyStore.getInstance(file.toFile(), storePassword == null ? null : storePassword.toCharArray());
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException(file + " is neither a PEM certificate nor a PKCS12 or JKS truststore");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException(storePassword == null
                        ? file + " is a truststore protected by a password; give its password"
                        : "the password given does not open " + file);
            }
            throw new IllegalArgumentException(file + " cannot be read as a truststore (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " cannot be read as a truststore (" + e.getMessage() + ")");
        }
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                // Trusted-certificate entries, and the leaf of a key entry (the target's own keystore works too).
                if (store.getCertificate(alias) instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            return certificates;
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException(file + " cannot be read as a truststore (" + e.getMessage() + ")");
        }
    }
}
