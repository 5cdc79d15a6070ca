package dev.herd.engine.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the TLS options accept, and the one-line reason for what they do not. */
class TlsOptionsTest {

    @Test
    void theDefaultsAreABrowsers() {
        TlsOptions d = TlsOptions.defaults();
        assertThat(d.provider()).isEqualTo(TlsProvider.AUTO);
        assertThat(d.resume()).isTrue();
        assertThat(d.versions()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(d.alpn()).containsExactly("http/1.1");
        assertThat(d.clientCert()).isNull();
        assertThat(d.certificatePerClient()).isFalse();
    }

    @Test
    void versionsAreNamedAsTheJdkNamesThemWhateverTheSpelling() {
        assertThat(TlsOptions.defaults().withVersions(List.of("1.2", "tls1.3", "TLSv1.2")).versions())
                .containsExactly("TLSv1.2", "TLSv1.3");
        assertThatThrownBy(() -> TlsOptions.defaults().withVersions(List.of("TLSv1.1")))
                .hasMessage("tls versions (--tls-versions): 'TLSv1.1' is not a version herd offers (TLSv1.3, TLSv1.2)");
        assertThatThrownBy(() -> TlsOptions.defaults().withVersions(List.of())).hasMessageContaining("at least one");
    }

    @Test
    void alpnNoneOffersNothingAndANameMustBePrintable() {
        assertThat(TlsOptions.defaults().withAlpn(List.of("none")).alpn()).isEmpty();
        assertThat(TlsOptions.defaults().withAlpn(List.of("h2", "http/1.1")).alpn()).containsExactly("h2", "http/1.1");
        assertThatThrownBy(() -> TlsOptions.defaults().withAlpn(List.of("a b"))).hasMessageStartingWith("alpn (--alpn)");
    }

    @Test
    void aKeyOrItsPasswordNeedsACertificate() {
        assertThatThrownBy(() -> TlsOptions.defaults().withClientCertificate(null, "key.pem", null))
                .hasMessage("client_key (--client-key) needs client_cert (--client-cert)");
        assertThatThrownBy(() -> TlsOptions.defaults().withClientCertificate(null, null, "secret"))
                .hasMessageStartingWith("client_key_password (--client-key-password) needs client_cert");
    }

    @Test
    void aPathWithAPlaceholderIsPerClientAndRelativePathsResolveAgainstTheBaseDirectory() {
        TlsOptions t = TlsOptions.defaults().withClientCertificate("certs/{user}.pem", null, null)
                .withBaseDir(Path.of("/scenarios"));
        assertThat(t.certificatePerClient()).isTrue();
        assertThat(t.resolve("certs/alice.pem")).isEqualTo(Path.of("/scenarios/certs/alice.pem"));
        assertThat(t.resolve("/etc/herd/alice.pem")).isEqualTo(Path.of("/etc/herd/alice.pem"));
    }

    @Test
    void theServerNameMustBeAHostNameAndThePasswordIsNeverShown() {
        assertThatThrownBy(() -> TlsOptions.defaults().withSni("not a name")).hasMessageStartingWith("sni (--sni)");
        assertThat(TlsOptions.defaults().withClientCertificate("c.p12", null, "s3cret").toString())
                .doesNotContain("s3cret");
    }

    @Test
    void providersAreNamedAsOnTheCommandLine() {
        assertThat(TlsProvider.of("OpenSSL")).isEqualTo(TlsProvider.OPENSSL);
        assertThat(TlsProvider.AUTO.resolve()).isIn(TlsProvider.OPENSSL, TlsProvider.JDK);
        assertThat(TlsProvider.JDK.resolve().library()).startsWith("SunJSSE");
        assertThatThrownBy(() -> TlsProvider.of("boring"))
                .hasMessage("'boring' is not a TLS provider (expected auto, openssl or jdk)");
    }
}
