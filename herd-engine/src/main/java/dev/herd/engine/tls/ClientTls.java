package dev.herd.engine.tls;

import dev.herd.engine.client.ClientPlaceholders;
import dev.herd.engine.client.TrustMaterial;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.SimpleKeyManagerFactory;
import io.netty.handler.ssl.util.SimpleTrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS of a run's clients: one Netty {@link SslContext} shared by every connection (one per client certificate
 * when each client shows its own), made with the chosen provider, and a {@link SslHandler} per attempt. Immutable
 * after construction but for its cache of per-client contexts; any thread.
 *
 * <p>Session resumption as browsers do it: each client keeps its own session and resumes it when it reconnects, so a
 * server sees as many sessions as clients. The TLS engines look sessions up by the handler's peer host and port;
 * herd gives each client a peer port of its own above 65535 (the socket connects to the URL's port, the engine only
 * keys its cache with this one). TLS 1.2 resumes with a session ticket or id, TLS 1.3 with a ticket (single use for
 * OpenSSL, RFC 8446 §C.4). Without resumption the JDK's engine gets port -1, which it never caches, and OpenSSL's
 * cache is switched off.
 *
 * <pre>{@code
 * ClientTls tls = new ClientTls(TlsOptions.defaults(), trust, false, 1000);
 * SslContext mine = tls.contextFor(session::placeholderValue);
 * SslHandler handler = tls.newHandler(mine, ch.alloc(), "example.com", tls.nextSessionKey());
 * }</pre>
 */
public final class ClientTls {

    private static final Logger LOG = LoggerFactory.getLogger(ClientTls.class);
    private static final Set<TlsProvider> LOGGED = ConcurrentHashMap.newKeySet();
    /** The first client's peer port as the session caches key it: above every real port. */
    private static final int FIRST_SESSION_KEY = 65536;
    /** The JDK caches no session whose peer port is -1. */
    private static final int NO_SESSION_KEY = -1;
    /** The JDK's default session cache size and lifetime; OpenSSL's client cache gets the same. */
    private static final int DEFAULT_SESSION_CACHE_SIZE = 20480;
    private static final long SESSION_TIMEOUT_SECONDS = 86400;

    private final TlsOptions options;
    private final TlsProvider provider;
    private final String[] alpn;
    private final TrustManagerFactory trust;
    private final boolean verifyHostName;
    private final int sessionCacheSize;
    private final SslContext shared;
    private final ConcurrentMap<String, SslContext> perClient = new ConcurrentHashMap<>();
    /** Engines whose server asked for a client certificate (weak: an engine is dropped with its connection). */
    private final Map<SSLEngine, Boolean> certificateAsked = Collections.synchronizedMap(new WeakHashMap<>());
    private final AtomicInteger sessionKeys = new AtomicInteger();

    /**
     * @param options provider, resumption, client certificate, versions, ALPN
     * @param trustMaterial what to trust instead of the JDK's authorities, or null
     * @param insecure verify nothing (wins over {@code trustMaterial})
     * @param expectedClients about how many clients the run has: each may keep a session
     */
    public ClientTls(TlsOptions options, TrustMaterial trustMaterial, boolean insecure, int expectedClients) {
        this.options = options;
        this.provider = options.provider().resolve();
        this.alpn = options.alpn().toArray(new String[0]);
        this.verifyHostName = !insecure;
        this.trust = new HandshakeTrustManagerFactory(insecure ? HandshakeTrustManager.acceptingAll()
                : HandshakeTrustManager.verifying(pkix(trustMaterial)));
        this.sessionCacheSize = Math.max(DEFAULT_SESSION_CACHE_SIZE, expectedClients);
        if (LOGGED.add(provider)) {
            LOG.info("TLS: {} ({}){}", provider.key(), provider.library(),
                    options.provider() == TlsProvider.AUTO ? ", chosen at run time" : "");
        }
        this.shared = options.certificatePerClient() ? null : build(options.clientCert() == null ? null
                : ClientIdentity.load(options.resolve(options.clientCert()),
                options.clientKey() == null ? null : options.resolve(options.clientKey()), options.clientKeyPassword()));
    }

    /** The provider the run uses ({@link TlsProvider#OPENSSL} or {@link TlsProvider#JDK}). */
    public TlsProvider provider() {
        return provider;
    }

    /**
     * The context of a client whose placeholders {@code lookup} fills: the shared one, or the one of the certificate
     * its paths name (made on first use; reads files, so never call it on an event loop). Throws
     * {@link IllegalArgumentException} naming a file that cannot be read.
     */
    public SslContext contextFor(Function<String, String> lookup) {
        if (shared != null) {
            return shared;
        }
        String cert = options.resolve(ClientPlaceholders.expand(options.clientCert(), lookup)).toString();
        String key = options.clientKey() == null ? null
                : options.resolve(ClientPlaceholders.expand(options.clientKey(), lookup)).toString();
        return perClient.computeIfAbsent(cert + '\n' + key, k -> build(ClientIdentity.load(java.nio.file.Path.of(cert),
                key == null ? null : java.nio.file.Path.of(key), options.clientKeyPassword())));
    }

    /** A client's own key in the session caches, or the one that caches nothing when resumption is off. */
    public int nextSessionKey() {
        return options.resume() ? FIRST_SESSION_KEY + (sessionKeys.getAndIncrement() & 0x3FFFFFFF) : NO_SESSION_KEY;
    }

    /**
     * A handler for one attempt to {@code host} (the URL's; {@code --sni} replaces it as the name sent and verified),
     * resuming the session of {@code sessionKey}. Its own handshake timeout is off: the attempt's connect timeout
     * covers the TLS phase, so a stalled handshake is {@code tls_timeout} whatever the timeout.
     */
    public SslHandler newHandler(SslContext context, ByteBufAllocator alloc, String host, int sessionKey) {
        SslHandler handler = context.newHandler(alloc, options.sni() != null ? options.sni() : host, sessionKey);
        handler.setHandshakeTimeoutMillis(0);
        if (provider == TlsProvider.JDK && !options.alpn().isEmpty()) {
            // The JDK's own ALPN (Java 9+) rather than Netty's wrapping engine: the key manager and the handler then
            // see the same engine (certificateAsked).
            SSLEngine engine = handler.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setApplicationProtocols(alpn);
            engine.setSSLParameters(params);
        }
        return handler;
    }

    /** True when the server of {@code engine}'s handshake asked for a client certificate (mutual TLS). */
    public boolean certificateAsked(SSLEngine engine) {
        return certificateAsked.containsKey(engine);
    }

    private SslContext build(ClientIdentity identity) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(provider.netty())
                    .protocols(options.versions())
                    .trustManager(trust)
                    .endpointIdentificationAlgorithm(verifyHostName ? "HTTPS" : null)
                    .sessionCacheSize(sessionCacheSize)
                    .sessionTimeout(SESSION_TIMEOUT_SECONDS);
            if (provider == TlsProvider.OPENSSL && !options.alpn().isEmpty()) {
                builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, options.alpn()));
            }
            // Always a key manager, with or without a certificate: it notes servers that ask for one. OpenSSL keeps
            // the key in native form once (the caching factory) instead of converting it at every handshake.
            KeyManagerFactory keys = new ClientKeyManagerFactory(new ClientKeyManager(identity, certificateAsked));
            builder.keyManager(provider == TlsProvider.OPENSSL ? new OpenSslCachingX509KeyManagerFactory(keys) : keys);
            SslContext context = builder.build();
            if (context.sessionContext() instanceof OpenSslSessionContext openssl) {
                if (options.resume()) {
                    // Netty's OpenSSL client asks for TLS 1.2 session tickets only when told to; browsers do.
                    openssl.setTicketKeys();
                } else {
                    openssl.setSessionCacheEnabled(false);
                }
            }
            return context;
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager pkix(TrustMaterial material) {
        try {
            TrustManagerFactory factory;
            if (material != null) {
                factory = material.trustManagerFactory();
            } else {
                factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
            }
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /** Hands Netty herd's one key manager. */
    private static final class ClientKeyManagerFactory extends SimpleKeyManagerFactory {
        private final KeyManager[] managers;

        ClientKeyManagerFactory(ClientKeyManager manager) {
            this.managers = new KeyManager[] {manager};
        }

        @Override
        protected void engineInit(KeyStore keyStore, char[] password) {
        }

        @Override
        protected void engineInit(ManagerFactoryParameters params) {
        }

        @Override
        protected KeyManager[] engineGetKeyManagers() {
            return managers.clone();
        }
    }

    /** Hands Netty herd's one trust manager. */
    private static final class HandshakeTrustManagerFactory extends SimpleTrustManagerFactory {
        private final TrustManager[] managers;

        HandshakeTrustManagerFactory(HandshakeTrustManager manager) {
            this.managers = new TrustManager[] {manager};
        }

        @Override
        protected void engineInit(KeyStore keyStore) {
        }

        @Override
        protected void engineInit(ManagerFactoryParameters params) {
        }

        @Override
        protected TrustManager[] engineGetTrustManagers() {
            return managers.clone();
        }
    }
}
