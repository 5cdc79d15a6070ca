package dev.herd.broker;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

/**
 * The target's TLS: a server {@link SslContext} (the JDK's provider) made from a PKCS12 keystore, such as one
 * made by {@code keytool -genkeypair -storetype PKCS12}.
 *
 * <pre>{@code
 * if (TargetTls.check(keystore, password) == TargetTls.Problem.NONE) {
 *     SslContext server = TargetTls.serverContext(keystore, password);
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

    /** The server context; call only for a keystore {@link #check} accepted. */
    static SslContext serverContext(Path keystore, String password) {
        try {
            return SslContextBuilder.forServer(keyManagers(keystore, password)).sslProvider(SslProvider.JDK).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS from " + keystore + ": " + e.getMessage(), e);
        }
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
