package dev.herd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.cli.Herd;
import dev.herd.cli.testing.CliRun;
import dev.herd.engine.client.TrustMaterial;
import dev.herd.broker.testing.SelfSignedKeystore;
import dev.herd.broker.testing.TargetFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.herd.broker.TargetClientAuth;
import dev.herd.broker.testing.TestPki;
import picocli.CommandLine;

/**
 * The TLS flags: {@code herd target --tls-keystore} and {@code --tls-client-auth}, and the clients' {@code --trust-cert},
 * {@code --tls-provider}, {@code --client-cert} and {@code --no-tls-resume}, down to summary.json.
 */
class TlsCommandTest {

    @TempDir
    static Path dir;
    private static SelfSignedKeystore tls;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void makeKeystore() {
        tls = SelfSignedKeystore.generate(dir);
    }

    @Test
    void theTargetWithAKeystorePrintsTheUsualFirstLineAndServesHttps() {
        CommandLine cli = cli();
        AtomicReference<HttpResponse<String>> stats = new AtomicReference<>();
        TargetCommand command = cli.getSubcommands().get("target").getCommand();
        command.runUntilStopped = server -> {
            try {
                HttpClient https = HttpClient.newBuilder().sslContext(TrustMaterial.load(tls.certificate(), null)
                        .sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
                stats.set(https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                        + server.localAddress().getPort() + "/stats")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };

        int exit = cli.execute("target", "--port", "0", "--threads", "1",
                "--tls-keystore", tls.keystore().toString(), "--tls-keystore-password", tls.password());

        assertThat(exit).as(err.toString()).isZero();
        String firstLine = out.toString().lines().findFirst().orElse("");
        assertThat(firstLine).matches("listening on 127\\.0\\.0\\.1:\\d+").doesNotEndWith(":0");
        assertThat(stats.get().statusCode()).isEqualTo(200);
        assertThat(stats.get().body()).contains("\"slow_policy\":\"buffer\"");
    }

    @Test
    void aWrongKeystorePasswordIsOneLineNamingTheFlagsAndExitTwo() {
        CliRun run = CliRun.of("target", "--port", "0",
                "--tls-keystore", tls.keystore().toString(), "--tls-keystore-password", "wrong");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1)
                .contains("--tls-keystore-password does not open --tls-keystore " + tls.keystore());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingKeystoreIsOneLineNamingTheFlagAndExitTwo() {
        CliRun run = CliRun.of("target", "--port", "0",
                "--tls-keystore", dir.resolve("nope.p12").toString(), "--tls-keystore-password", "changeit");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("--tls-keystore " + dir.resolve("nope.p12"))
                .contains("does not exist");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aRunOverWssWithTheTrustedCertificateConnectsVerifiedAndReadsTheTargetsStatsOverHttps(@TempDir Path results)
            throws Exception {
        try (TargetFixture target = TargetFixture.start(
                b -> b.tlsKeystore(tls.keystore()).tlsKeystorePassword(tls.password()))) {
            CliRun run = CliRun.of("steady", "--url", "wss://127.0.0.1:" + target.port() + "/ws/{topic}",
                    "--trust-cert", tls.certificate().toString(), "--clients", "10", "--rate", "20",
                    "--duration", "1s", "--window", "1s", "--drain", "5s", "--out", results.toString(), "-q");

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode summary = new ObjectMapper().readTree(results.resolve("summary.json").toFile());
            assertThat(summary.path("connections").path("established").asLong()).isEqualTo(10);
            assertThat(summary.path("connections").path("failed").asLong()).isZero();
            assertThat(summary.path("connect").path("tls").path("count").asLong()).isEqualTo(10);
            assertThat(summary.path("messages").path("lost").asLong()).isZero();
            // The admin client verified the target with the same certificate.
            assertThat(summary.path("steady").path("target_stats").path("slow_policy").asText()).isEqualTo("buffer");
        }
    }

    @Test
    void aMissingTrustCertIsOneLineNamingTheFlagAndExitTwo() {
        CliRun run = CliRun.of("broadcast", "--url", "wss://127.0.0.1:9/ws/{topic}",
                "--trust-cert", dir.resolve("nope.pem").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("--trust-cert")
                .contains(dir.resolve("nope.pem") + " does not exist or cannot be read");
    }

    @Test
    void aWrongTrustStorePasswordIsOneLineAndExitTwo() {
        Path truststore = tls.truststore(dir, "trustpass");
        CliRun run = CliRun.of("broadcast", "--url", "wss://127.0.0.1:9/ws/{topic}",
                "--trust-cert", truststore.toString(), "--trust-store-password", "nope");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("the password given does not open " + truststore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssl", "jdk"})
    void aClientCertificateLetsEveryClientOfATargetThatRequiresOneConnectAndTheRunSaysWhichEngine(String provider,
            @TempDir Path results) throws Exception {
        TestPki pki = TestPki.shared();
        try (TargetFixture target = TargetFixture.start(b -> b.tlsKeystore(pki.server().keystore())
                .tlsKeystorePassword(TestPki.PASSWORD).tlsClientAuth(TargetClientAuth.REQUIRE)
                .tlsClientCa(pki.caCertificate()))) {
            CliRun run = CliRun.of("steady", "--url", "wss://127.0.0.1:" + target.port() + "/ws/{topic}",
                    "--trust-cert", pki.caCertificate().toString(), "--tls-provider", provider,
                    "--client-cert", pki.client().certificate().toString(),
                    "--client-key", pki.client().key().toString(), "--clients", "10", "--rate", "20",
                    "--duration", "1s", "--window", "1s", "--drain", "5s", "--out", results.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode summary = new ObjectMapper().readTree(results.resolve("summary.json").toFile());
            assertThat(summary.path("connections").path("established").asLong()).isEqualTo(10);
            assertThat(summary.path("tls").path("provider").asText()).isEqualTo(provider);
            assertThat(summary.path("tls").path("full").asLong()).isEqualTo(10);
            assertThat(summary.path("tls").path("versions").path("TLSv1.3").asLong()).isEqualTo(10);
            assertThat(summary.path("tls").path("handshake").path("full").path("count").asLong()).isEqualTo(10);
            // The admin client showed the same certificate to read the target's stats.
            assertThat(summary.path("steady").path("target_stats").path("slow_policy").asText()).isEqualTo("buffer");
            assertThat(run.out()).contains("tls          " + provider);
        }
    }

    @Test
    void withoutACertificateEveryAttemptIsRefusedByName(@TempDir Path results) throws Exception {
        TestPki pki = TestPki.shared();
        try (TargetFixture target = TargetFixture.start(b -> b.tlsKeystore(pki.server().keystore())
                .tlsKeystorePassword(TestPki.PASSWORD).tlsClientAuth(TargetClientAuth.REQUIRE)
                .tlsClientCa(pki.caCertificate()))) {
            CliRun run = CliRun.of("connect-storm", "--url", "wss://127.0.0.1:" + target.port() + "/ws/{topic}",
                    "--trust-cert", pki.caCertificate().toString(), "--clients", "10", "--within", "200ms",
                    "--hold", "200ms", "--reconnect", "none", "--out", results.toString(), "-q");

            JsonNode summary = new ObjectMapper().readTree(results.resolve("summary.json").toFile());
            assertThat(summary.path("connections").path("failed_by_reason").path("tls_client_cert_refused").asLong())
                    .as(run.err()).isEqualTo(10);
            assertThat(summary.path("connections").path("failed_by_phase").path("tls")
                    .path("tls_client_cert_refused").asLong()).isEqualTo(10);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aReconnectStormResumesSessionsUnlessToldNot(boolean resume, @TempDir Path results) throws Exception {
        TestPki pki = TestPki.shared();
        try (TargetFixture target = TargetFixture.start(b -> b.tlsKeystore(pki.server().keystore())
                .tlsKeystorePassword(TestPki.PASSWORD))) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("reconnect-storm", "--url",
                    "wss://127.0.0.1:" + target.port() + "/ws/{topic}", "--trust-cert",
                    pki.caCertificate().toString(), "--clients", "20", "--disrupt", "client-drop",
                    "--connect-within", "300ms", "--settle", "300ms", "--out", results.toString(), "-q"));
            if (!resume) {
                args.add("--no-tls-resume");
            }
            CliRun run = CliRun.of(args.toArray(new String[0]));

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode summary = new ObjectMapper().readTree(results.resolve("summary.json").toFile());
            JsonNode storm = summary.path("reconnect_storm").path("tls");
            assertThat(summary.path("tls").path("resume").asBoolean()).isEqualTo(resume);
            assertThat(summary.path("tls").path("resumed").asLong()).isEqualTo(resume ? 20 : 0);
            assertThat(storm.path("resumed").asLong()).isEqualTo(resume ? 20 : 0);
            assertThat(storm.path("full").asLong()).isEqualTo(resume ? 0 : 20);
            assertThat(storm.path("handshake_resumed").path("count").asLong()).isEqualTo(resume ? 20 : 0);
        }
    }

    private CommandLine cli() {
        CommandLine cli = Herd.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }
}
