package dev.herd.engine.connect;

import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.util.List;
import java.util.Locale;

/**
 * Names a failed TLS handshake. herd's own verdicts on the server's certificate come as a {@link CertificateRejected}
 * in the chain of causes, from either TLS engine. What the server refused is an alert it sent, which the JDK words
 * {@code Received fatal alert: bad_certificate} and BoringSSL {@code SSLV3_ALERT_BAD_CERTIFICATE}: both hold the
 * alert's name of RFC 8446 §6, so those names are looked for in the messages ({@code TlsFailureReasonTest} holds
 * each engine's wording to its reason).
 */
final class TlsFailures {

    /**
     * Alerts a server sends about the certificate a client showed, or did not show when one was required
     * (RFC 8446 §6.2; {@code certificate_required} is TLS 1.3's, TLS 1.2 servers send {@code bad_certificate} or
     * {@code handshake_failure}).
     */
    private static final List<String> CLIENT_CERTIFICATE_ALERTS = List.of("bad_certificate", "certificate_required",
            "unknown_ca", "certificate_unknown", "access_denied", "unsupported_certificate", "certificate_revoked",
            "certificate_expired", "peer_did_not_return_a_certificate", "empty client certificate chain");
    /** No version in common: the alert, BoringSSL's own error for it, and the JDK's. */
    private static final List<String> VERSION_MISMATCH = List.of("protocol_version", "unsupported_protocol",
            "no appropriate protocol", "not accepted by client preferences", "unsupported_protocol_version");

    private TlsFailures() {
    }

    /** The reason of a TLS failure whose exception (or a cause of it) is {@code error}. */
    static FailureReason reason(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateRejected rejected) {
                return rejected.reason();
            }
            if (t instanceof SslHandshakeTimeoutException) {
                return FailureReason.TLS_TIMEOUT;
            }
            if (t.getMessage() != null) {
                messages.append(t.getMessage().toLowerCase(Locale.ROOT)).append('\n');
            }
        }
        String text = messages.toString();
        if (CLIENT_CERTIFICATE_ALERTS.stream().anyMatch(text::contains)) {
            return FailureReason.TLS_CLIENT_CERT_REFUSED;
        }
        if (VERSION_MISMATCH.stream().anyMatch(text::contains)) {
            return FailureReason.TLS_PROTOCOL_VERSION;
        }
        return FailureReason.TLS;
    }
}
