package dev.herd.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The target's TLS as a client of the JDK sees it, with either TLS engine: a chain signed by a CA, client certificates
 * asked for ({@code optional}) or required ({@code require}) and checked against {@code tlsClientCa}, and the versions
 * served.
 */
class TargetTlsClientAuthTest {

    private static TestPki pki;

    @BeforeAll
    static void makeCertificates() {
        pki = TestPki.shared();
    }

    @ParameterizedTest
    @EnumSource(value = TargetTlsProvider.class, names = {"OPENSSL", "JDK"})
    void requireServesAClientWhoseCertificateTheCaSigned(TargetTlsProvider provider) throws Exception {
        try (TargetFixture target = target(provider, TargetClientAuth.REQUIRE, List.of("TLSv1.3", "TLSv1.2"))) {
            assertThat(stats(target, pki.client().pkcs12(), "TLSv1.3").statusCode()).isEqualTo(200);
            assertThat(stats(target, pki.client().pkcs12(), "TLSv1.2").statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TargetTlsProvider.class, names = {"OPENSSL", "JDK"})
    void requireRefusesClientsWithoutACertificateOrWithOneTheCaDidNotSign(TargetTlsProvider provider) {
        try (TargetFixture target = target(provider, TargetClientAuth.REQUIRE, List.of("TLSv1.3", "TLSv1.2"))) {
            for (String version : List.of("TLSv1.3", "TLSv1.2")) {
                assertThatThrownBy(() -> stats(target, null, version)).as(version).isInstanceOf(IOException.class);
                assertThatThrownBy(() -> stats(target, pki.strangerClient().pkcs12(), version)).as(version)
                        .isInstanceOf(IOException.class);
                assertThatThrownBy(() -> stats(target, pki.expiredClient().pkcs12(), version)).as(version)
                        .isInstanceOf(IOException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TargetTlsProvider.class, names = {"OPENSSL", "JDK"})
    void optionalServesClientsWithAndWithoutACertificate(TargetTlsProvider provider) throws Exception {
        try (TargetFixture target = target(provider, TargetClientAuth.OPTIONAL, List.of("TLSv1.3", "TLSv1.2"))) {
            assertThat(stats(target, null, "TLSv1.3").statusCode()).isEqualTo(200);
            assertThat(stats(target, pki.client().pkcs12(), "TLSv1.3").statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TargetTlsProvider.class, names = {"OPENSSL", "JDK"})
    void aTargetServingOnlyTls12RefusesAClientOfferingOnlyTls13(TargetTlsProvider provider) throws Exception {
        try (TargetFixture target = target(provider, TargetClientAuth.NONE, List.of("1.2"))) {
            assertThat(stats(target, null, "TLSv1.2").statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> stats(target, null, "TLSv1.3")).isInstanceOf(IOException.class);
        }
    }

    private static TargetFixture target(TargetTlsProvider provider, TargetClientAuth auth, List<String> versions) {
        return TargetFixture.start(b -> b.tlsKeystore(pki.server().keystore()).tlsKeystorePassword(TestPki.PASSWORD)
                .tlsProvider(provider).tlsClientAuth(auth)
                .tlsClientCa(auth == TargetClientAuth.NONE ? null : pki.caCertificate()).tlsVersions(versions));
    }

    /** GET /stats over https with the JDK's client, trusting the CA, showing {@code clientStore} if not null. */
    private static HttpResponse<String> stats(TargetFixture target, Path clientStore, String version)
            throws IOException, InterruptedException, GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLS");
        KeyManagerFactory keys = null;
        if (clientStore != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(clientStore)) {
                store.load(in, TestPki.PASSWORD.toCharArray());
            }
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, TestPki.PASSWORD.toCharArray());
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        try (InputStream in = Files.newInputStream(pki.caCertificate())) {
            anchors.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        tls.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        SSLParameters params = new SSLParameters();
        params.setProtocols(new String[] {version});
        HttpClient client = HttpClient.newBuilder().sslContext(tls).sslParameters(params)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + target.port() + "/stats"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
