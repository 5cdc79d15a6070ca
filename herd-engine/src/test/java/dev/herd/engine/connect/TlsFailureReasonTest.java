package dev.herd.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each TLS engine's wording of a failed handshake, as the end-to-end tests saw it, named by {@link FailureClassifier}:
 * the JDK says {@code Received fatal alert: NAME}, BoringSSL {@code error:…:SSLV3_ALERT_NAME}.
 */
class TlsFailureReasonTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Received fatal alert: certificate_required | tls_client_cert_refused",
        "error:1000045c:SSL routines:OPENSSL_internal:TLSV1_ALERT_CERTIFICATE_REQUIRED | tls_client_cert_refused",
        "Received fatal alert: bad_certificate | tls_client_cert_refused",
        "error:10000412:SSL routines:OPENSSL_internal:SSLV3_ALERT_BAD_CERTIFICATE | tls_client_cert_refused",
        "Received fatal alert: unknown_ca | tls_client_cert_refused",
        "error:10000418:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA | tls_client_cert_refused",
        "Received fatal alert: certificate_expired | tls_client_cert_refused",
        "error:10000415:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_EXPIRED | tls_client_cert_refused",
        "Received fatal alert: protocol_version | tls_protocol_version",
        "error:1000042e:SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION | tls_protocol_version",
        "error:100000f0:SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL | tls_protocol_version",
        "The server selected protocol version TLS12 is not accepted by client preferences [TLS13] | tls_protocol_version",
        "No appropriate protocol (protocol is disabled or cipher suites are inappropriate) | tls_protocol_version",
        "Received fatal alert: handshake_failure | tls",
        "error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE | tls",
        "Received fatal alert: internal_error | tls",
    })
    void anAlertOrErrorOfEitherEngineIsNamed(String message, String reason) {
        assertThat(FailureClassifier.classify(new SSLHandshakeException(message)).key()).isEqualTo(reason);
        // SslHandler reports what the engine threw when unwrapping inside a DecoderException.
        assertThat(FailureClassifier.classify(new DecoderException(new SSLException(message))).key())
                .isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TLS_UNTRUSTED", "TLS_HOSTNAME", "TLS_EXPIRED"})
    void herdsOwnVerdictOnTheCertificateIsNamedWhereverItIsInTheCauses(FailureReason why) {
        CertificateRejected rejected = new CertificateRejected(why, new CertificateException("PKIX path building failed"));
        SSLHandshakeException jdk = new SSLHandshakeException("PKIX path building failed");
        jdk.initCause(rejected);
        assertThat(FailureClassifier.classify(jdk)).isEqualTo(why);
        // Netty's OpenSSL engine wraps the trust manager's exception once more (hostname messages are enhanced).
        SSLHandshakeException openssl = new SSLHandshakeException("error:1000007d:SSL routines:CERTIFICATE_VERIFY_FAILED");
        openssl.initCause(new CertificateException("No subject alternative names matching", rejected));
        assertThat(FailureClassifier.classify(new DecoderException(openssl))).isEqualTo(why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"timeout"})
    void aHandshakeThatTimedOutIsATlsTimeout(String ignored) {
        assertThat(FailureClassifier.classify(new SslHandshakeTimeoutException("handshake timed out after 10000ms")))
                .isEqualTo(FailureReason.TLS_TIMEOUT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"not an SSL/TLS record: 485454502f312e31"})
    void aPeerThatDoesNotSpeakTlsIsTls(String message) {
        assertThat(FailureClassifier.classify(new DecoderException(new NotSslRecordException(message))))
                .isEqualTo(FailureReason.TLS);
    }
}
