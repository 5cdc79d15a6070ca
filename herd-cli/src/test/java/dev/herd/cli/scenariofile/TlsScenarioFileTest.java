package dev.herd.cli.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.client.ClientOptions;
import dev.herd.broker.testing.SelfSignedKeystore;
import dev.herd.broker.testing.TestPki;
import dev.herd.engine.tls.TlsOptions;
import dev.herd.engine.tls.TlsProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code target.trust_cert}, {@code target.trust_store_password} and {@code target.tls} in a scenario file. */
class TlsScenarioFileTest {

    @TempDir
    static Path dir;
    private static SelfSignedKeystore tls;

    @BeforeAll
    static void makeKeystore() {
        tls = SelfSignedKeystore.generate(dir);
    }

    @Test
    void aRelativeTrustCertIsFoundBesideTheScenarioFileAndReachesTheClients() throws IOException {
        Path file = write("relative.yaml", """
                target:
                  url: wss://127.0.0.1:8443/ws/{topic}
                  trust_cert: target.pem
                """);

        ScenarioFile settings = read(file);

        ClientOptions client = settings.build().client();
        assertThat(client.trust().certificates()).hasSize(1);
        assertThat(client.insecure()).isFalse();
    }

    @Test
    void aTruststoreWithItsPasswordIsRead() throws IOException {
        Path truststore = tls.truststore(dir, "trustpass");
        Path file = write("truststore.yaml", """
                target:
                  url: https://127.0.0.1:8443/sse/{topic}
                  publish_url: https://127.0.0.1:8443/pub/{topic}
                  trust_cert: %s
                  trust_store_password: trustpass
                """.formatted(truststore));

        assertThat(read(file).build().client().trust().source()).isEqualTo(truststore);
    }

    @Test
    void aMissingTrustCertIsAnErrorAtItsLine() throws IOException {
        Path file = write("missing.yaml", """
                target:
                  url: wss://127.0.0.1:8443/ws/{topic}
                  trust_cert: no-such.pem
                """);

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(ScenarioFileException.class)
                .hasMessage(file + ":3: target.trust_cert: " + dir.resolve("no-such.pem")
                        + " does not exist or cannot be read");
    }

    @Test
    void aWrongTrustStorePasswordIsAnErrorAtTheTrustCertLine() throws IOException {
        Path truststore = tls.truststore(dir, "trustpass");
        Path file = write("wrong-password.yaml", """
                target:
                  url: wss://127.0.0.1:8443/ws/{topic}
                  trust_store_password: nope
                  trust_cert: %s
                """.formatted(truststore));

        assertThatThrownBy(() -> read(file))
                .hasMessage(file + ":4: target.trust_cert: the password given does not open " + truststore);
    }

    @Test
    void aTrustStorePasswordWithoutTrustCertIsAnErrorAtItsLine() throws IOException {
        Path file = write("password-alone.yaml", """
                target:
                  url: wss://127.0.0.1:8443/ws/{topic}
                  trust_store_password: changeit
                """);

        assertThatThrownBy(() -> read(file)).hasMessageStartingWith(file + ":3: target.trust_store_password: ");
    }

    @Test
    void theTlsBlockReachesTheClients() throws IOException {
        TestPki.ClientFiles c = TestPki.shared().client();
        Files.copy(c.certificate(), dir.resolve("client.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(c.key(), dir.resolve("client-key.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path file = write("tls.yaml", """
                target:
                  url: wss://127.0.0.1:8443/ws/{topic}
                  tls:
                    provider: jdk
                    resume: false
                    client_cert: client.pem
                    client_key: client-key.pem
                    sni: chat.example.test
                    versions: [1.3]
                    alpn: none
                """);

        TlsOptions tls = read(file).build().client().tls();

        assertThat(tls.provider()).isEqualTo(TlsProvider.JDK);
        assertThat(tls.resume()).isFalse();
        // Relative paths are the scenario file's directory's.
        assertThat(tls.resolve(tls.clientCert())).isEqualTo(dir.resolve("client.pem"));
        assertThat(tls.resolve(tls.clientKey())).isEqualTo(dir.resolve("client-key.pem"));
        assertThat(tls.sni()).isEqualTo("chat.example.test");
        assertThat(tls.versions()).containsExactly("TLSv1.3");
        assertThat(tls.alpn()).isEmpty();
    }

    @Test
    void withoutATlsBlockTheClientsSpeakTlsAsABrowserDoes() throws IOException {
        Path file = write("no-tls-block.yaml", """
                target:
                  url: wss://127.0.0.1:8443/ws/{topic}
                """);

        assertThat(read(file).build().client().tls()).isEqualTo(TlsOptions.defaults());
    }

    @Test
    void aCertificatePerClientNamedByAFeederColumnIsReadForEveryClient() throws IOException {
        TestPki.ClientFiles c = TestPki.shared().client();
        Files.writeString(dir.resolve("certs.csv"), "cert\n" + c.combined() + "\n" + dir.resolve("nope.pem") + "\n");
        Path file = write("per-client.yaml", """
                target:
                  url: wss://127.0.0.1:8443/ws/{topic}
                  feeder: {file: certs.csv, order: circular}
                  tls:
                    client_cert: '{cert}'
                clients:
                  subscribers: 4
                """);

        assertThatThrownBy(() -> read(file).build()).hasMessage(file + ":5: target.tls.client_cert: client_cert "
                + "(--client-cert) of client 1: " + dir.resolve("nope.pem") + " does not exist or cannot be read");
    }

    private static ScenarioFile read(Path file) {
        return new ScenarioFileReader(Map.of(), Map.of()).read(file);
    }

    private static Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }
}
