package dev.herd.engine.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * What herd's clients show a server that asks for a certificate: their {@link ClientIdentity}, or nothing. Either way
 * it notes that the server asked, so that a TLS 1.2 server's {@code handshake_failure} after asking (what OpenSSL
 * servers send a client that showed no certificate) is named {@code tls_client_cert_refused} rather than {@code tls}.
 *
 * <pre>{@code
 * X509ExtendedKeyManager km = new ClientKeyManager(identity, requests);   // identity may be null
 * }</pre>
 */
final class ClientKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "herd-client";

    private final ClientIdentity identity;
    /** The engines whose server asked for a certificate; weak keys, shared by the run's contexts. */
    private final Map<SSLEngine, Boolean> asked;

    ClientKeyManager(ClientIdentity identity, Map<SSLEngine, Boolean> asked) {
        this.identity = identity;
        this.asked = asked;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        if (engine != null) {
            asked.put(engine, Boolean.TRUE);
        }
        // As curl does: the certificate given is shown whatever authorities the server names.
        return identity == null ? null : ALIAS;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return identity == null ? null : ALIAS;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return identity == null ? null : new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return identity != null && ALIAS.equals(alias) ? identity.chain().clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return identity != null && ALIAS.equals(alias) ? identity.key() : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
