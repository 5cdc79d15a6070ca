package dev.herd.engine.tls;

import dev.herd.broker.testing.TargetFixture;
import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.client.TrustMaterial;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.run.Run;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/** Small runs over TLS for the tests of this package: connect a few clients, hold them briefly. */
final class TlsRuns {

    static final int CLIENTS = 10;

    private TlsRuns() {
    }

    /** Client options with {@code provider}, trusting {@code anchor} (null: the JDK's authorities). */
    static ClientOptions client(TlsProvider provider, Path anchor, UnaryOperator<TlsOptions> tls) {
        return client(ClientOptions.defaults(), provider, anchor, tls);
    }

    /** As {@link #client(TlsProvider, Path, UnaryOperator)}, starting from {@code base} (e.g. with a feeder). */
    static ClientOptions client(ClientOptions base, TlsProvider provider, Path anchor, UnaryOperator<TlsOptions> tls) {
        ClientOptions client = base.withReconnect(ReconnectPolicy.none())
                .withTls(tls.apply(TlsOptions.defaults().withProvider(provider)));
        return anchor == null ? client : client.withTrust(TrustMaterial.load(anchor, null));
    }

    static String wss(TargetFixture target) {
        return "wss://127.0.0.1:" + target.port() + "/ws/{topic}";
    }

    /** {@link #CLIENTS} subscribers on one topic connect within 200 ms and are held 200 ms; nothing is published. */
    static RunResult connectOnly(String url, ClientOptions client) {
        Scenario scenario = new Scenario("connect", TargetUrl.parse(url), null, CLIENTS, 1, "topic-", client,
                MessageSpec.defaults(), List.of(new Stage.Connect(Duration.ofMillis(200), false, 0),
                new Stage.Hold(Duration.ofMillis(200))), 2);
        return new Run(scenario, List.of()).execute();
    }

    static TlsSection tls(RunResult r) {
        return (TlsSection) r.sections().get("tls");
    }
}
