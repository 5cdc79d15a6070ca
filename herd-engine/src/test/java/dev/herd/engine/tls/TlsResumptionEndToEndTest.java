package dev.herd.engine.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.broker.testing.TargetFixture;
import dev.herd.broker.testing.TestPki;
import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.run.Run;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.StageContext;
import dev.herd.engine.scenario.reconnectstorm.Disruption;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormSection;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormStage;
import dev.herd.engine.scenario.reconnectstorm.ReconnectStormTls;
import dev.herd.engine.testing.TimingSensitive;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Session resumption on reconnect, counted: a reconnect storm against the reference target (every client's
 * connection reset from herd's side, or the target restarted), with each TLS engine and each version. With
 * resumption on, every client that comes back resumes its own session; with it off, none does; and a server that no
 * longer knows the sessions (a new process on the same port) makes every handshake full, whatever the client offers.
 */
@ExtendWith(TimingSensitive.class)
class TlsResumptionEndToEndTest {

    private static final int CLIENTS = 20;
    private static TestPki pki;

    @BeforeAll
    static void makeCertificates() {
        pki = TestPki.shared();
    }

    static Stream<Arguments> enginesAndVersions() {
        return Stream.of(TlsProvider.OPENSSL, TlsProvider.JDK).flatMap(p -> Stream.of("TLSv1.3", "TLSv1.2")
                .map(v -> Arguments.of(p, v)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("enginesAndVersions")
    void everyClientThatComesBackResumesItsOwnSession(TlsProvider provider, String version) {
        try (TargetFixture target = target()) {
            RunResult r = storm(target, new Disruption.ClientDrop(), provider, version, true);

            TlsSection tls = TlsRuns.tls(r);
            assertThat(r.connections().reconnects()).isEqualTo(CLIENTS);
            assertThat(tls.full()).isEqualTo(CLIENTS);
            assertThat(tls.resumed()).isEqualTo(CLIENTS);
            assertThat(tls.versions()).containsOnlyKeys(version);
            assertThat(tls.handshake().resumed().count()).isEqualTo(CLIENTS);
            ReconnectStormTls storm = stormTls(r);
            assertThat(storm.resume()).isTrue();
            assertThat(storm.resumed()).isEqualTo(CLIENTS);
            assertThat(storm.full()).isZero();
            assertThat(storm.handshakeResumed().count()).isEqualTo(CLIENTS);
            assertThat(storm.handshakeFull().count()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void aTargetRestartedThroughItsAdminApiKeepsItsTicketKeysSoEveryClientResumes(TlsProvider provider) {
        try (TargetFixture target = target()) {
            RunResult r = storm(target, new Disruption.TargetRestart(Duration.ofMillis(300)), provider, "TLSv1.3",
                    true);

            assertThat(r.connections().reconnects()).isEqualTo(CLIENTS);
            assertThat(TlsRuns.tls(r).resumed()).isEqualTo(CLIENTS);
            assertThat(stormTls(r).resumed()).isEqualTo(CLIENTS);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("enginesAndVersions")
    void withResumptionOffEveryHandshakeIsFull(TlsProvider provider, String version) {
        try (TargetFixture target = target()) {
            RunResult r = storm(target, new Disruption.ClientDrop(), provider, version, false);

            TlsSection tls = TlsRuns.tls(r);
            assertThat(r.connections().reconnects()).isEqualTo(CLIENTS);
            assertThat(tls.resume()).isFalse();
            assertThat(tls.resumed()).isZero();
            assertThat(tls.full()).isEqualTo(2 * CLIENTS);
            ReconnectStormTls storm = stormTls(r);
            assertThat(storm.full()).isEqualTo(CLIENTS);
            assertThat(storm.resumed()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("enginesAndVersions")
    void aServerThatNoLongerKnowsTheSessionsMakesEveryHandshakeFull(TlsProvider provider, String version) {
        TargetFixture[] target = {target()};
        int port = target[0].port();
        // The target is replaced by a new one on the same port: new session ticket keys and an empty session cache,
        // as after a real restart. Clients offer their sessions; the server refuses them.
        Stage replace = new Stage() {
            @Override
            public String name() {
                return "replace";
            }

            @Override
            public void execute(StageContext ctx) {
                target[0].close();
                target[0] = TargetFixture.start(b -> b.port(port).tlsKeystore(pki.server().keystore())
                        .tlsKeystorePassword(TestPki.PASSWORD));
                ctx.waitUntil(System.nanoTime() + Duration.ofSeconds(15).toNanos(),
                        () -> ctx.clients().gauge().open() == CLIENTS);
            }
        };
        try {
            ClientOptions client = TlsRuns.client(provider, pki.caCertificate(), t -> t.withVersions(List.of(version)))
                    .withReconnect(ReconnectPolicy.exponential(Duration.ofMillis(20), Duration.ofMillis(100), 0));
            Scenario scenario = new Scenario("replace", TargetUrl.parse(TlsRuns.wss(target[0])), null, CLIENTS, 1,
                    "topic-", client, MessageSpec.defaults(),
                    List.of(new Stage.Connect(Duration.ofMillis(300), false, 0), replace), 2);
            RunResult r = new Run(scenario, List.of()).execute();

            TlsSection tls = TlsRuns.tls(r);
            assertThat(r.connections().reconnects()).isEqualTo(CLIENTS);
            assertThat(tls.resumed()).isZero();
            assertThat(tls.full()).isEqualTo(2 * CLIENTS);
        } finally {
            target[0].close();
        }
    }

    private static TargetFixture target() {
        return TargetFixture.start(b -> b.tlsKeystore(pki.server().keystore()).tlsKeystorePassword(TestPki.PASSWORD));
    }

    private static RunResult storm(TargetFixture target, Disruption disruption, TlsProvider provider, String version,
                                   boolean resume) {
        ClientOptions client = TlsRuns.client(provider, pki.caCertificate(),
                t -> t.withVersions(List.of(version)).withResume(resume)).withReconnect(ReconnectPolicy.immediate(0));
        ReconnectStormStage stage = new ReconnectStormStage(new Stage.Connect(Duration.ofMillis(300), false, 0), 20,
                disruption, Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofMillis(300),
                Duration.ofSeconds(3));
        Scenario scenario = new Scenario("reconnect-storm", TargetUrl.parse(TlsRuns.wss(target)), null, CLIENTS, 2,
                "topic-", client, MessageSpec.defaults(), List.of(stage), 2);
        return new Run(scenario, List.of()).execute();
    }

    private static ReconnectStormTls stormTls(RunResult r) {
        return ((ReconnectStormSection) r.sections().get("reconnect_storm")).tls();
    }
}
