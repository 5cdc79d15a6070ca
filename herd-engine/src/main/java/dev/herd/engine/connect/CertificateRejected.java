package dev.herd.engine.connect;

import java.security.cert.CertificateException;

/**
 * herd's verdict on a server certificate it did not accept, carrying why ({@link FailureReason#TLS_UNTRUSTED},
 * {@link FailureReason#TLS_HOSTNAME}, {@link FailureReason#TLS_EXPIRED}): thrown by herd's trust manager with the
 * JDK's own exception as its cause, so that the TLS engine (the JDK's or OpenSSL's) reports it as the cause of the
 * failed handshake and {@link FailureClassifier} names the failure without reading messages.
 */
public final class CertificateRejected extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final transient FailureReason reason;

    public CertificateRejected(FailureReason reason, CertificateException cause) {
        super(cause.getMessage(), cause);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }
}
