package dev.herd.engine.tls;

import static dev.herd.engine.tls.TlsRuns.CLIENTS;
import static dev.herd.engine.tls.TlsRuns.client;
import static dev.herd.engine.tls.TlsRuns.connectOnly;
import static dev.herd.engine.tls.TlsRuns.wss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.TargetClientAuth;
import dev.herd.broker.testing.MisbehavingServer;
import dev.herd.broker.testing.Misbehaviour;
import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestPki;
import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.testing.TimingSensitive;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way a TLS handshake fails, against the reference target (and, for a handshake that never ends, a server that
 * says nothing), with each of herd's TLS engines: each is counted under its own reason in phase {@code tls}.
 */
@ExtendWith(TimingSensitive.class)
class TlsFailureEndToEndTest {

    private static TestPki pki;

    @BeforeAll
    static void makeCertificates() {
        pki = TestPki.shared();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aCertificateNoTrustedAuthoritySignedIsUntrusted(TlsProvider provider) {
        try (TargetFixture target = target(pki.server(), b -> b)) {
            assertEveryAttemptFailed(connectOnly(wss(target), client(provider, null, t -> t)), "tls_untrusted");
            // Trusting another CA is no better.
            assertEveryAttemptFailed(connectOnly(wss(target), client(provider, pki.otherCaCertificate(), t -> t)),
                    "tls_untrusted");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aTrustedCertificateForAnotherHostIsAHostNameMismatch(TlsProvider provider) {
        try (TargetFixture target = target(pki.wrongHostServer(), b -> b)) {
            assertEveryAttemptFailed(connectOnly(wss(target), client(provider, pki.caCertificate(), t -> t)),
                    "tls_hostname");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void anExpiredCertificateIsExpired(TlsProvider provider) {
        try (TargetFixture target = target(pki.expiredServer(), b -> b)) {
            assertEveryAttemptFailed(connectOnly(wss(target), client(provider, pki.caCertificate(), t -> t)),
                    "tls_expired");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aServerThatNeverAnswersTheClientHelloIsATlsTimeout(TlsProvider provider) {
        try (MisbehavingServer silent = MisbehavingServer.start(Misbehaviour.SILENT)) {
            ClientOptions client = client(provider, pki.caCertificate(), t -> t);
            client = new ClientOptions(client.headers(), client.subprotocols(), false, false, client.trust(),
                    Duration.ofSeconds(1), client.reconnect(), client.maxFrameBytes(), true, 1, List.of(),
                    client.receiveBudgetBytes(), client.protocol(), null, client.tls());
            assertEveryAttemptFailed(connectOnly("wss://127.0.0.1:" + silent.port() + "/ws/{topic}", client),
                    "tls_timeout");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void noVersionInCommonIsAProtocolVersionFailure(TlsProvider provider) {
        try (TargetFixture target = target(pki.server(), b -> b.tlsVersions(List.of("TLSv1.2")))) {
            assertEveryAttemptFailed(connectOnly(wss(target), client(provider, pki.caCertificate(),
                    t -> t.withVersions(List.of("TLSv1.3")))), "tls_protocol_version");
        }
        try (TargetFixture target = target(pki.server(), b -> b.tlsVersions(List.of("TLSv1.3")))) {
            assertEveryAttemptFailed(connectOnly(wss(target), client(provider, pki.caCertificate(),
                    t -> t.withVersions(List.of("TLSv1.2")))), "tls_protocol_version");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aTargetThatRequiresAClientCertificateRefusesClientsWithoutOneOrWithOneItDoesNotTrust(TlsProvider provider) {
        try (TargetFixture target = target(pki.server(), b -> b.tlsClientAuth(TargetClientAuth.REQUIRE)
                .tlsClientCa(pki.caCertificate()))) {
            for (String version : List.of("TLSv1.3", "TLSv1.2")) {
                UnaryOperator<TlsOptions> only = t -> t.withVersions(List.of(version));
                assertEveryAttemptFailed(connectOnly(wss(target), client(provider, pki.caCertificate(), only)),
                        "tls_client_cert_refused");
                assertEveryAttemptFailed(connectOnly(wss(target), client(provider, pki.caCertificate(),
                        t -> only.apply(t).withClientCertificate(pki.strangerClient().certificate().toString(),
                                pki.strangerClient().key().toString(), null))), "tls_client_cert_refused");
                assertEveryAttemptFailed(connectOnly(wss(target), client(provider, pki.caCertificate(),
                        t -> only.apply(t).withClientCertificate(pki.expiredClient().pkcs12().toString(), null,
                                TestPki.PASSWORD))), "tls_client_cert_refused");
            }
        }
    }

    private static TargetFixture target(TestPki.ServerFiles server,
                                        java.util.function.UnaryOperator<dev.herd.broker.TargetConfig.Builder> more) {
        return TargetFixture.start(b -> more.apply(b.tlsKeystore(server.keystore())
                .tlsKeystorePassword(server.password())));
    }

    private static void assertEveryAttemptFailed(RunResult r, String reason) {
        assertThat(r.connections().attempted()).isEqualTo(CLIENTS);
        assertThat(r.connections().established()).as(r.connections().failedByReason().toString()).isZero();
        assertThat(r.connections().failedByReason()).containsExactly(Map.entry(reason, (long) CLIENTS));
        assertThat(r.connections().failedByPhase()).containsExactly(Map.entry("tls", Map.of(reason, (long) CLIENTS)));
    }
}
