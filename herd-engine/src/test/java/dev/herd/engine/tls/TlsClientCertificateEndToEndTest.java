package dev.herd.engine.tls;

import static dev.herd.engine.tls.TlsRuns.CLIENTS;
import static dev.herd.engine.tls.TlsRuns.client;
import static dev.herd.engine.tls.TlsRuns.connectOnly;
import static dev.herd.engine.tls.TlsRuns.wss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.TargetClientAuth;
import dev.herd.broker.TargetConfig;
import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestPki;
import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.feeder.Feeder;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.testing.TimingSensitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Client certificates (mutual TLS) against the reference target with each TLS engine: one certificate for every
 * client in each file form, a certificate per client named by a feeder column or by {@code {client}}, a target that
 * only asks, and the server name ({@code --sni}) and ALPN options.
 */
@ExtendWith(TimingSensitive.class)
class TlsClientCertificateEndToEndTest {

    private static TestPki pki;

    @BeforeAll
    static void makeCertificates() {
        pki = TestPki.shared();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aTargetThatRequiresACertificateServesClientsShowingOneItsCaSigned(TlsProvider provider) {
        TestPki.ClientFiles c = pki.client();
        try (TargetFixture target = target(TargetClientAuth.REQUIRE)) {
            for (UnaryOperator<TlsOptions> form : List.<UnaryOperator<TlsOptions>>of(
                    t -> t.withClientCertificate(c.certificate().toString(), c.key().toString(), null),
                    t -> t.withClientCertificate(c.combined().toString(), null, null),
                    t -> t.withClientCertificate(c.pkcs12().toString(), null, c.password()))) {
                for (String version : List.of("TLSv1.3", "TLSv1.2")) {
                    RunResult r = connectOnly(wss(target), client(provider, pki.caCertificate(),
                            t -> form.apply(t).withVersions(List.of(version))));
                    assertThat(r.connections().established()).as(r.connections().failedByReason().toString())
                            .isEqualTo(CLIENTS);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aTargetThatOnlyAsksServesClientsWithoutACertificate(TlsProvider provider) {
        try (TargetFixture target = target(TargetClientAuth.OPTIONAL)) {
            RunResult r = connectOnly(wss(target), client(provider, pki.caCertificate(), t -> t));
            assertThat(r.connections().established()).isEqualTo(CLIENTS);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void eachClientShowsTheCertificateItsFeederRowNames(TlsProvider provider) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            TestPki.ClientFiles c = i % 2 == 0 ? pki.client() : pki.strangerClient();
            rows.add(List.of(c.certificate().toString(), c.key().toString()));
        }
        Feeder feeder = Feeder.of("certs.csv", List.of("cert", "key"), rows);
        try (TargetFixture target = target(TargetClientAuth.REQUIRE)) {
            RunResult r = connectOnly(wss(target), client(ClientOptions.defaults().withFeeder(feeder), provider,
                    pki.caCertificate(), t -> t.withClientCertificate("{cert}", "{key}", null)));
            assertThat(r.connections().established()).isEqualTo(CLIENTS / 2);
            assertThat(r.connections().failedByReason())
                    .containsExactly(Map.entry("tls_client_cert_refused", (long) CLIENTS / 2));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aPathWithClientNamesAFilePerClientRelativeToTheBaseDirectory(TlsProvider provider, @TempDir Path dir)
            throws IOException {
        for (int i = 0; i < CLIENTS; i++) {
            Files.copy(pki.client().combined(), dir.resolve("client-" + i + ".pem"));
        }
        try (TargetFixture target = target(TargetClientAuth.REQUIRE)) {
            RunResult r = connectOnly(wss(target), client(provider, pki.caCertificate(),
                    t -> t.withClientCertificate("client-{client}.pem", null, null).withBaseDir(dir)));
            assertThat(r.connections().established()).isEqualTo(CLIENTS);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void theServerNameGivenIsSentAndVerifiedInsteadOfTheUrlsHost(TlsProvider provider) {
        try (TargetFixture target = TargetFixture.start(b -> b.tlsKeystore(pki.wrongHostServer().keystore())
                .tlsKeystorePassword(TestPki.PASSWORD))) {
            RunResult r = connectOnly(wss(target), client(provider, pki.caCertificate(),
                    t -> t.withSni("elsewhere.test")));
            assertThat(r.connections().established()).isEqualTo(CLIENTS);
            r = connectOnly(wss(target), client(provider, pki.caCertificate(), t -> t.withSni("other.test")));
            assertThat(r.connections().failedByReason()).containsExactly(Map.entry("tls_hostname", (long) CLIENTS));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void withoutAlpnOrWithAnotherOfferTheWebSocketStillUpgrades(TlsProvider provider) {
        try (TargetFixture target = target(TargetClientAuth.NONE)) {
            for (List<String> alpn : List.of(List.<String>of(), List.of("h2", "http/1.1"), List.of("x-herd"))) {
                RunResult r = connectOnly(wss(target), client(provider, pki.caCertificate(), t -> t.withAlpn(alpn)));
                assertThat(r.connections().established()).as(alpn.toString()).isEqualTo(CLIENTS);
            }
        }
    }

    private static TargetFixture target(TargetClientAuth auth) {
        UnaryOperator<TargetConfig.Builder> config = b -> b.tlsKeystore(pki.server().keystore())
                .tlsKeystorePassword(TestPki.PASSWORD).tlsClientAuth(auth)
                .tlsClientCa(auth == TargetClientAuth.NONE ? null : pki.caCertificate());
        return TargetFixture.start(config);
    }
}
