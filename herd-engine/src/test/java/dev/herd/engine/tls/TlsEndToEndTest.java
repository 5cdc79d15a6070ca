package dev.herd.engine.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.client.TrustMaterial;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.run.Run;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.StageContext;
import dev.herd.engine.testing.TimingSensitive;
import dev.herd.broker.testing.SelfSignedKeystore;
import dev.herd.broker.testing.TargetFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * herd's clients against the reference target serving TLS with a self-signed certificate made by keytool at
 * test time: {@code wss://} and {@code https://} deliver every message with either TLS engine, the TLS handshake is
 * timed once per connection and counted in the {@code tls} section, and verification fails without trust material
 * and passes with it (or with {@code insecure}).
 */
@ExtendWith(TimingSensitive.class)
class TlsEndToEndTest {

    private static final int SUBSCRIBERS = 40;
    private static final int TOPICS = 2;

    @TempDir
    static Path dir;
    private static SelfSignedKeystore tls;

    @BeforeAll
    static void makeKeystore() {
        tls = SelfSignedKeystore.generate(dir);
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void wssBroadcastWithTheCertificateTrustedDeliversEveryMessageAndTimesEveryHandshake(TlsProvider provider) {
        try (TargetFixture target = tlsTarget()) {
            RunResult r = broadcast(target, "wss://127.0.0.1:" + target.port() + "/ws/{topic}", null,
                    trusting(provider));
            assertEveryMessageArrived(r);
            assertThat(r.target().protocol()).isEqualTo("websocket");
            assertThat(r.connect().get("tls").count()).isEqualTo(SUBSCRIBERS);
            assertThat(target.stats().messages().deliveries()).isEqualTo(r.messages().expected());
            TlsSection tls = (TlsSection) r.sections().get("tls");
            assertThat(tls.provider()).isEqualTo(provider.key());
            assertThat(tls.full()).isEqualTo(SUBSCRIBERS);
            assertThat(tls.resumed()).isZero();
            assertThat(tls.versions()).containsExactly(Map.entry("TLSv1.3", (long) SUBSCRIBERS));
            assertThat(tls.handshake().full().count()).isEqualTo(SUBSCRIBERS);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void httpsSseWithHttpsPublishDeliversEveryMessageAndTimesEveryHandshake(TlsProvider provider) {
        try (TargetFixture target = tlsTarget()) {
            RunResult r = broadcast(target, "https://127.0.0.1:" + target.port() + "/sse/{topic}",
                    "https://127.0.0.1:" + target.port() + "/pub/{topic}", trusting(provider));
            assertEveryMessageArrived(r);
            assertThat(r.target().protocol()).isEqualTo("sse");
            assertThat(r.publishers().protocol()).isEqualTo("http");
            assertThat(r.connect().get("tls").count()).isEqualTo(SUBSCRIBERS);
            assertThat(((TlsSection) r.sections().get("tls")).full()).isEqualTo(SUBSCRIBERS);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void withVerificationOnAndNoTrustMaterialEveryAttemptFailsInTheTlsPhaseAsUntrusted(TlsProvider provider) {
        try (TargetFixture target = tlsTarget()) {
            RunResult r = connectOnly("wss://127.0.0.1:" + target.port() + "/ws/{topic}", ClientOptions.defaults()
                    .withTls(TlsOptions.defaults().withProvider(provider)));
            assertThat(r.connections().attempted()).isEqualTo(10);
            assertThat(r.connections().established()).isZero();
            assertThat(r.connections().failed()).isEqualTo(10);
            assertThat(r.connections().failedByReason()).containsExactly(Map.entry("tls_untrusted", 10L));
            assertThat(r.connections().failedByPhase()).containsOnlyKeys("tls");
            assertThat(r.connections().failedByPhase().get("tls")).containsExactly(Map.entry("tls_untrusted", 10L));
            assertThat(r.connect().get("tls").count()).isZero();
        }
    }

    @Test
    void httpsWithoutTrustMaterialFailsTheSameWay() {
        try (TargetFixture target = tlsTarget()) {
            RunResult r = connectOnly("https://127.0.0.1:" + target.port() + "/sse/{topic}", ClientOptions.defaults());
            assertThat(r.connections().established()).isZero();
            assertThat(r.connections().failedByPhase()).containsExactly(Map.entry("tls", Map.of("tls_untrusted", 10L)));
        }
    }

    @Test
    void theExportedCertificateAsTrustMaterialLetsEveryClientConnectWithVerificationOn() {
        try (TargetFixture target = tlsTarget()) {
            RunResult r = connectOnly("wss://localhost:" + target.port() + "/ws/{topic}", trusting());
            assertThat(r.connections().established()).isEqualTo(10);
            assertThat(r.connections().failed()).isZero();
            assertThat(r.connect().get("tls").count()).isEqualTo(10);
        }
    }

    @Test
    void aPasswordProtectedTruststoreWorksLikeThePemCertificate() {
        Path truststore = tls.truststore(dir, "trustpass");
        ClientOptions client = ClientOptions.defaults().withTrust(TrustMaterial.load(truststore, "trustpass"));
        try (TargetFixture target = tlsTarget()) {
            RunResult r = connectOnly("https://127.0.0.1:" + target.port() + "/sse/{topic}", client);
            assertThat(r.connections().established()).isEqualTo(10);
            assertThat(r.connections().failed()).isZero();
        }
    }

    @Test
    void insecureSkipsVerificationAndConnects() {
        try (TargetFixture target = tlsTarget()) {
            RunResult r = connectOnly("wss://127.0.0.1:" + target.port() + "/ws/{topic}",
                    ClientOptions.defaults().withInsecure(true));
            assertThat(r.connections().established()).isEqualTo(10);
            assertThat(r.connections().failed()).isZero();
            assertThat(r.connect().get("tls").count()).isEqualTo(10);
        }
    }

    @Test
    void theDropFaultStillResetsTlsConnectionsWithoutACleanTlsClose() {
        try (TargetFixture target = tlsTarget()) {
            Stage drop = new Stage() {
                @Override
                public String name() {
                    return "drop";
                }

                @Override
                public void execute(StageContext ctx) {
                    assertThat(target.server().dropConnections(1.0)).isEqualTo(10);
                    ctx.waitUntil(System.nanoTime() + Duration.ofSeconds(10).toNanos(),
                            () -> ctx.clients().gauge().open() == 0);
                }
            };
            Scenario scenario = new Scenario("drop", TargetUrl.parse("wss://127.0.0.1:" + target.port() + "/ws/{topic}"),
                    null, 10, 1, "topic-", trusting().withReconnect(ReconnectPolicy.none()), MessageSpec.defaults(),
                    List.of(new Stage.Connect(Duration.ofMillis(200), false, 0), drop), 2);
            RunResult r = new Run(scenario, List.of()).execute();
            assertThat(r.connections().established()).isEqualTo(10);
            // A TLS close_notify first would make these clean closes by the server.
            assertThat(r.connections().closedByError()).isEqualTo(10);
            assertThat(r.connections().closedByServer()).isZero();
        }
    }

    private static TargetFixture tlsTarget() {
        return TargetFixture.start(b -> b.tlsKeystore(tls.keystore()).tlsKeystorePassword(tls.password()));
    }

    private static ClientOptions trusting() {
        return ClientOptions.defaults().withTrust(TrustMaterial.load(tls.certificate(), null));
    }

    private static ClientOptions trusting(TlsProvider provider) {
        return trusting().withTls(TlsOptions.defaults().withProvider(provider));
    }

    /** 40 subscribers over 2 topics; 100 messages/s for 2 s. */
    private static RunResult broadcast(TargetFixture target, String url, String publishUrl, ClientOptions client) {
        Scenario scenario = new Scenario("broadcast", TargetUrl.parse(url),
                publishUrl == null ? null : TargetUrl.parse(publishUrl), SUBSCRIBERS, TOPICS, "topic-",
                client.withReconnect(ReconnectPolicy.none()), MessageSpec.defaults(),
                List.of(new Stage.Connect(Duration.ofMillis(500), false, 0),
                        new Stage.Publish(100, Duration.ofSeconds(2), Duration.ofSeconds(3))),
                2);
        return new Run(scenario, List.of()).execute();
    }

    /** 10 subscribers, one topic, connect and hold briefly; no publishing. */
    private static RunResult connectOnly(String url, ClientOptions client) {
        Scenario scenario = new Scenario("connect", TargetUrl.parse(url), null, 10, 1, "topic-",
                client.withReconnect(ReconnectPolicy.none()), MessageSpec.defaults(),
                List.of(new Stage.Connect(Duration.ofMillis(200), false, 0), new Stage.Hold(Duration.ofMillis(200))),
                2);
        return new Run(scenario, List.of()).execute();
    }

    private static void assertEveryMessageArrived(RunResult r) {
        assertThat(r.connections().attempted()).isEqualTo(SUBSCRIBERS);
        assertThat(r.connections().established()).isEqualTo(SUBSCRIBERS);
        assertThat(r.connections().failed()).isZero();
        assertThat(r.messages().published()).isEqualTo(200);
        assertThat(r.messages().expected()).isEqualTo(200L * SUBSCRIBERS / TOPICS);
        assertThat(r.messages().received()).isEqualTo(r.messages().expected());
        assertThat(r.messages().lost()).isZero();
        assertThat(r.messages().duplicated()).isZero();
        assertThat(r.messages().reordered()).isZero();
        assertThat(r.messages().publishFailed()).isZero();
    }
}
