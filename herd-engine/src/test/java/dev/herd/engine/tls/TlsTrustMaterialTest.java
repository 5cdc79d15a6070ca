package dev.herd.engine.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.client.TrustMaterial;
import dev.herd.broker.testing.SelfSignedKeystore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TrustMaterial} reads a PEM certificate or a truststore, and says in one line what is wrong otherwise. */
class TlsTrustMaterialTest {

    @TempDir
    static Path dir;
    private static SelfSignedKeystore tls;

    @BeforeAll
    static void makeKeystore() {
        tls = SelfSignedKeystore.generate(dir);
    }

    @Test
    void aPemCertificateIsReadWithoutAPassword() {
        TrustMaterial trust = TrustMaterial.load(tls.certificate(), null);
        assertThat(trust.certificates()).hasSize(1);
        assertThat(trust.certificates().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(trust.sslContext()).isNotNull();
    }

    @Test
    void aPkcs12TruststoreIsReadWithItsPassword() {
        Path truststore = tls.truststore(dir, "trustpass");
        assertThat(TrustMaterial.load(truststore, "trustpass").certificates())
                .containsExactlyElementsOf(TrustMaterial.load(tls.certificate(), null).certificates());
    }

    @Test
    void theTargetsOwnKeystoreAlsoServesAsTrustMaterial() {
        assertThat(TrustMaterial.load(tls.keystore(), tls.password()).certificates()).hasSize(1);
    }

    @Test
    void aWrongPasswordIsOneLineNamingTheFile() {
        Path truststore = tls.truststore(dir, "trustpass");
        assertThatThrownBy(() -> TrustMaterial.load(truststore, "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the password given does not open " + truststore);
    }

    @Test
    void aMissingFileOrOneThatIsNeitherIsOneLineNamingTheFile() throws IOException {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TrustMaterial.load(missing, null))
                .hasMessage(missing + " does not exist or cannot be read");
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a certificate");
        assertThatThrownBy(() -> TrustMaterial.load(text, null))
                .hasMessage(text + " is neither a PEM certificate nor a PKCS12 or JKS truststore");
    }
}
