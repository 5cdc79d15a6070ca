package dev.herd.cli.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.client.ClientOptions;
import dev.herd.broker.testing.SelfSignedKeystore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code target.trust_cert} and {@code target.trust_store_password} in a scenario file. */
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

    private static ScenarioFile read(Path file) {
        return new ScenarioFileReader(Map.of(), Map.of()).read(file);
    }

    private static Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }
}
