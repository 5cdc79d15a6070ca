package dev.herd.engine.testing;

import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.run.Run;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.broker.testing.TargetFixture;
import java.util.List;

/** Builds small scenarios against a {@link TargetFixture} for end-to-end tests. */
public final class Scenarios {

    private Scenarios() {
    }

    public static String ws(TargetFixture target) {
        return "ws://127.0.0.1:" + target.port() + "/ws/{topic}";
    }

    public static String sse(TargetFixture target) {
        return "http://127.0.0.1:" + target.port() + "/sse/{topic}";
    }

    public static String pub(TargetFixture target) {
        return "http://127.0.0.1:" + target.port() + "/pub/{topic}";
    }

    /** A scenario of {@code subscribers} over {@code topics} with the given timeline, two event loops. */
    public static Scenario scenario(String name, String url, String publishUrl, int subscribers, int topics,
                                    ReconnectPolicy reconnect, List<Stage> stages) {
        ClientOptions client = ClientOptions.defaults().withReconnect(reconnect);
        return new Scenario(name, TargetUrl.parse(url), publishUrl == null ? null : TargetUrl.parse(publishUrl),
                subscribers, topics, "topic-", client, MessageSpec.defaults(), stages, 2);
    }

    public static RunResult run(Scenario scenario) {
        return new Run(scenario, List.of()).execute();
    }
}
