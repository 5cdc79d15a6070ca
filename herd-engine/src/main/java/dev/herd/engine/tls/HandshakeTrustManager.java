package dev.herd.engine.tls;

import dev.herd.engine.connect.CertificateRejected;
import dev.herd.engine.connect.FailureReason;
import java.net.Socket;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * herd's clients' trust manager: verifies the server's chain and host name with the JDK's (or accepts anything when
 * verification is off), and on the way tells herd two things the TLS engines do not. A handshake that calls it is a
 * full one: a resumed handshake (TLS 1.2 abbreviated, TLS 1.3 PSK) carries no certificate, so the manager marks the
 * handshake's session and {@link TlsHandshake#full} reads the mark once the handshake is done; this works alike for
 * the JDK's engine and OpenSSL's, which both call it. And a certificate it refuses is a {@link CertificateRejected}
 * naming why: untrusted, the wrong host, or expired.
 *
 * <pre>{@code
 * X509ExtendedTrustManager tm = HandshakeTrustManager.verifying(jdkPkixTrustManager);
 * }</pre>
 */
final class HandshakeTrustManager extends X509ExtendedTrustManager {

    /** The mark a full handshake leaves on its session; removed when read. */
    static final String FULL_HANDSHAKE = "dev.herd.tls.full-handshake";

    private final X509ExtendedTrustManager delegate;

    private HandshakeTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    /** Verifies with {@code delegate} (chain and, by the engine's parameters, host name). */
    static HandshakeTrustManager verifying(X509ExtendedTrustManager delegate) {
        return new HandshakeTrustManager(delegate);
    }

    /** Verifies nothing ({@code --insecure}), but still marks full handshakes. */
    static HandshakeTrustManager acceptingAll() {
        return new HandshakeTrustManager(null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        if (delegate != null) {
            try {
                delegate.checkServerTrusted(chain, authType, engine);
                // The JDK skips every check of a certificate that is itself a trust anchor (a self-signed target's,
                // given with --trust-cert); browsers still refuse it once it has expired.
                chain[0].checkValidity();
            } catch (CertificateException e) {
                throw new CertificateRejected(why(e, chain, authType), e);
            }
        }
        SSLSession handshake = engine.getHandshakeSession();
        if (handshake != null) {
            handshake.putValue(FULL_HANDSHAKE, Boolean.TRUE);
        }
    }

    /**
     * Why {@code e} refused the chain: expired (or not yet valid), else untrusted when the chain alone fails too,
     * else the host name (the only other check made with the engine). The second check runs only on a failure.
     */
    private FailureReason why(CertificateException e, X509Certificate[] chain, String authType) {
        if (expired(e)) {
            return FailureReason.TLS_EXPIRED;
        }
        try {
            delegate.checkServerTrusted(chain, authType);
            return FailureReason.TLS_HOSTNAME;
        } catch (CertificateException chainOnly) {
            return expired(chainOnly) ? FailureReason.TLS_EXPIRED : FailureReason.TLS_UNTRUSTED;
        }
    }

    private static boolean expired(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return true;
            }
            if (t instanceof CertPathValidatorException v
                    && (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("herd's clients verify on an SSLEngine only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("herd's clients verify on an SSLEngine only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("herd's clients do not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("herd's clients do not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("herd's clients do not accept clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate == null ? new X509Certificate[0] : delegate.getAcceptedIssuers();
    }
}
