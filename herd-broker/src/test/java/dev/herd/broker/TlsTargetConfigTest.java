package dev.herd.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.broker.testing.SelfSignedKeystore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS options are checked when the config is built: the keystore must exist and open with the password. */
class TlsTargetConfigTest {

    @TempDir
    static Path dir;
    private static SelfSignedKeystore tls;

    @BeforeAll
    static void makeKeystore() {
        tls = SelfSignedKeystore.generate(dir);
    }

    @Test
    void aKeystoreThatOpensWithItsPasswordIsAccepted() {
        TargetConfig config = TargetConfig.builder().tlsKeystore(tls.keystore()).tlsKeystorePassword("changeit").build();
        assertThat(config.tls()).isTrue();
        assertThat(config.toString()).contains("tlsKeystore=" + tls.keystore()).doesNotContain("changeit");
        assertThat(config.toBuilder().build().tlsKeystorePassword()).isEqualTo("changeit");
    }

    @Test
    void noKeystoreMeansPlainTcp() {
        assertThat(TargetConfig.builder().build().tls()).isFalse();
    }

    @Test
    void aMissingFileIsAnErrorNamingTheOption() {
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> TargetConfig.builder().tlsKeystore(missing).tlsKeystorePassword("x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tlsKeystore " + missing + " does not exist or cannot be read");
    }

    @Test
    void aWrongPasswordIsAnErrorNamingThePassword() {
        assertThatThrownBy(() -> TargetConfig.builder().tlsKeystore(tls.keystore()).tlsKeystorePassword("wrong").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tlsKeystorePassword does not open tlsKeystore " + tls.keystore());
    }

    @Test
    void aFileThatIsNoKeystoreIsAnError() throws IOException {
        Path text = Files.writeString(dir.resolve("not-a-keystore.p12"), "hello");
        assertThatThrownBy(() -> TargetConfig.builder().tlsKeystore(text).tlsKeystorePassword("changeit").build())
                .hasMessage("tlsKeystore " + text + " is not a PKCS12 keystore");
        assertThatThrownBy(() -> TargetConfig.builder().tlsKeystore(tls.certificate()).tlsKeystorePassword("x").build())
                .hasMessageStartingWith("tlsKeystore ");
    }

    @Test
    void aTruststoreWithoutAPrivateKeyIsAnError() {
        Path truststore = tls.truststore(dir, "storepass");
        assertThatThrownBy(() -> TargetConfig.builder().tlsKeystore(truststore).tlsKeystorePassword("storepass").build())
                .hasMessageStartingWith("tlsKeystore " + truststore + " holds no private key");
    }

    @Test
    void clientCertificatesNeedTheAuthoritiesThatVouchForThemAndAKeystore() {
        assertThatThrownBy(() -> TargetConfig.builder().tlsKeystore(tls.keystore()).tlsKeystorePassword("changeit")
                .tlsClientAuth(TargetClientAuth.REQUIRE).build())
                .hasMessage("tlsClientAuth require needs tlsClientCa (the certificates that vouch for clients)");
        assertThatThrownBy(() -> TargetConfig.builder().tlsClientAuth(TargetClientAuth.OPTIONAL).build())
                .hasMessage("tlsClientAuth is optional, but tlsKeystore is not set");
        assertThatThrownBy(() -> TargetConfig.builder().tlsClientCa(tls.certificate()).build())
                .hasMessageStartingWith("tlsClientCa is set, but tlsKeystore is not");
        Path missing = dir.resolve("no-ca.pem");
        assertThatThrownBy(() -> TargetConfig.builder().tlsKeystore(tls.keystore()).tlsKeystorePassword("changeit")
                .tlsClientAuth(TargetClientAuth.REQUIRE).tlsClientCa(missing).build())
                .hasMessage("tlsClientCa " + missing + " does not exist or cannot be read");
        TargetConfig config = TargetConfig.builder().tlsKeystore(tls.keystore()).tlsKeystorePassword("changeit")
                .tlsClientAuth(TargetClientAuth.REQUIRE).tlsClientCa(tls.certificate()).build();
        assertThat(config.tlsClientAuth()).isEqualTo(TargetClientAuth.REQUIRE);
        assertThat(config.toBuilder().build().tlsClientCa()).isEqualTo(tls.certificate());
    }

    @Test
    void theVersionsServedAreTls12AndTls13ByDefaultAndNamedAsTheJdkNamesThem() {
        assertThat(TargetConfig.builder().build().tlsVersions()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(TargetConfig.builder().tlsVersions(java.util.List.of("1.2")).build().tlsVersions())
                .containsExactly("TLSv1.2");
        assertThatThrownBy(() -> TargetConfig.builder().tlsVersions(java.util.List.of("TLSv1")).build())
                .hasMessage("tlsVersions: 'TLSv1' is not a version the target serves (TLSv1.3, TLSv1.2)");
        assertThat(TargetConfig.builder().build().tlsProvider()).isEqualTo(TargetTlsProvider.AUTO);
    }

    @Test
    void theKeystoreAndItsPasswordGoTogether() {
        assertThatThrownBy(() -> TargetConfig.builder().tlsKeystore(tls.keystore()).build())
                .hasMessageStartingWith("tlsKeystorePassword must be set");
        assertThatThrownBy(() -> TargetConfig.builder().tlsKeystorePassword("changeit").build())
                .hasMessageStartingWith("tlsKeystorePassword is set");
    }
}
