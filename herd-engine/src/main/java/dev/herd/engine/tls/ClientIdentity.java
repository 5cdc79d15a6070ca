package dev.herd.engine.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A client certificate chain and its private key, read once from files: a PEM chain with a PEM PKCS#8 key (in the
 * same file or another, encrypted or not), or a PKCS12 store holding both. What a client shows a server that asks for
 * a certificate (mutual TLS).
 *
 * <pre>{@code
 * ClientIdentity id = ClientIdentity.load(Path.of("client.pem"), Path.of("client-key.pem"), null);
 * ClientIdentity p12 = ClientIdentity.load(Path.of("client.p12"), null, "changeit");
 * }</pre>
 *
 * @param chain the certificate chain, the client's own first
 * @param key its private key
 */
public record ClientIdentity(X509Certificate[] chain, PrivateKey key) {

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    /**
     * Reads {@code cert} and {@code key} (null when {@code cert} holds the key: a PKCS12 store, or one PEM file with
     * both); {@code password} opens an encrypted key or the store. Throws {@link IllegalArgumentException} with a
     * one-line reason naming the file.
     */
    public static ClientIdentity load(Path cert, Path key, String password) {
        byte[] certBytes = read(cert);
        if (!isPem(certBytes)) {
            if (key != null) {
                throw new IllegalArgumentException(cert + " is not PEM, so it must be a PKCS12 store holding the key "
                        + "as well; a separate key file (" + key + ") goes with a PEM certificate");
            }
            return fromStore(cert, password);
        }
        List<X509Certificate> chain = certificates(cert, certBytes);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(cert + " holds no certificate");
        }
        PrivateKey privateKey = key != null ? privateKey(key, read(key), password) : privateKey(cert, certBytes, password);
        return new ClientIdentity(chain.toArray(new X509Certificate[0]), privateKey);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " does not exist or cannot be read");
        }
    }

    private static boolean isPem(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN ");
    }

    private static List<X509Certificate> certificates(Path file, byte[] bytes) {
        List<X509Certificate> out = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(new String(bytes, StandardCharsets.US_ASCII));
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                if (m.group(1).equals("CERTIFICATE")) {
                    out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der(file, m))));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + " holds a certificate that does not parse (" + e.getMessage()
                    + ")");
        }
        return out;
    }

    private static PrivateKey privateKey(Path file, byte[] bytes, String password) {
        Matcher m = PEM_BLOCK.matcher(new String(bytes, StandardCharsets.US_ASCII));
        while (m.find()) {
            switch (m.group(1)) {
                case "PRIVATE KEY":
                    return pkcs8(file, new PKCS8EncodedKeySpec(der(file, m)));
                case "ENCRYPTED PRIVATE KEY":
                    if (password == null) {
                        throw new IllegalArgumentException(file + " holds an encrypted key; give its password "
                                + "(--client-key-password)");
                    }
                    return pkcs8(file, decrypt(file, der(file, m), password));
                case "RSA PRIVATE KEY", "EC PRIVATE KEY":
                    throw new IllegalArgumentException(file + " holds a " + m.group(1).replace(" PRIVATE KEY", "")
                            + " key in its own format; herd reads PKCS#8 (BEGIN PRIVATE KEY): convert it with "
                            + "openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName() + " -out key.pem");
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(file + " holds no private key (PEM BEGIN PRIVATE KEY); give the key with "
                + "--client-key, or a PKCS12 store as --client-cert");
    }

    private static byte[] der(Path file, Matcher block) {
        try {
            return Base64.getMimeDecoder().decode(block.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": a PEM block (" + block.group(1) + ") is not valid base64");
        }
    }

    private static PrivateKey pkcs8(Path file, PKCS8EncodedKeySpec spec) {
        for (String algorithm : List.of("EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS", "DSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException tryNext) {
                // the key is of another algorithm
            }
        }
        throw new IllegalArgumentException(file + " holds a private key herd cannot read (not RSA, EC, EdDSA or DSA)");
    }

    private static PKCS8EncodedKeySpec decrypt(Path file, byte[] der, String password) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // PBES2 names its real scheme in its parameters (e.g. PBEWithHmacSHA256AndAES_256).
            String algorithm = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
            if (algorithm == null || !algorithm.startsWith("PBE")) {
                algorithm = info.getAlgName();
            }
            Key secret = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password.toCharArray()));
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, secret, info.getAlgParameters());
            return info.getKeySpec(cipher);
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("the password given does not open the key in " + file);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " holds an encrypted key herd cannot open (" + e.getMessage()
                    + ")");
        }
    }

    private static ClientIdentity fromStore(Path file, String password) {
        KeyStore store;
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try {
            store = KeyStore.getInstance(file.toFile(), secret);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException(password == null
                        ? file + " is a store protected by a password; give it (--client-key-password)"
                        : "the password given does not open " + file);
            }
            throw new IllegalArgumentException(file + " is neither PEM nor a PKCS12 store (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is neither PEM nor a PKCS12 store");
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Certificate[] chain = store.getCertificateChain(alias);
                    Key key = store.getKey(alias, secret);
                    if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                        X509Certificate[] x509 = new X509Certificate[chain.length];
                        for (int i = 0; i < chain.length; i++) {
                            x509[i] = (X509Certificate) chain[i];
                        }
                        return new ClientIdentity(x509, privateKey);
                    }
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("the password given does not open the key in " + file);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " cannot be read as a PKCS12 store (" + e.getMessage() + ")");
        }
        throw new IllegalArgumentException(file + " holds no private key with its certificate");
    }

    /** JDK key managers showing this identity, for clients outside Netty (the admin API). */
    public javax.net.ssl.KeyManager[] keyManagers() {
        try {
            char[] none = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, none, chain);
            javax.net.ssl.KeyManagerFactory factory = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, none);
            return factory.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the client certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ClientIdentity{" + chain[0].getSubjectX500Principal().getName() + "}"; // never the key
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
