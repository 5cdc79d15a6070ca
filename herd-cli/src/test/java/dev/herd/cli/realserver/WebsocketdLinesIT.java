package dev.herd.cli.realserver;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script protocol ({@code examples/protocols/lines.yaml}) against an in-house line protocol served by websocketd
 * (servers/websocketd/lines.sh): SUB/PUB handshakes answered OK, a PING every second that closes a connection
 * without a PONG within 2 s, and a forbidden topic answered ERR and closed.
 */
class WebsocketdLinesIT {

    @RegisterExtension
    static final RealServer websocketd = RealServer.named("websocketd");

    @TempDir
    Path dir;

    private String url() {
        return "ws://127.0.0.1:" + websocketd.port() + "/";
    }

    private static String protocol() {
        return RealServer.repositoryRoot().resolve("examples/protocols/lines.yaml").toString();
    }

    @Test
    void everyMessageArrivesAndPongsKeepTheConnectionsPastThePingTimeout() throws Exception {
        HerdRun run = HerdRun.of(dir, RealServerRuns.broadcast(url(), "--protocol", protocol()));
        RealServerRuns.assertEveryMessageArrived(run, websocketd);
    }

    @Test
    void aForbiddenTopicIsRefused() throws Exception {
        HerdRun run = HerdRun.of(dir, RealServerRuns.refused(url(), "--protocol", protocol(),
                "--topic-prefix", "forbidden-"));
        RealServerRuns.assertEverySubscriptionRejected(run, websocketd);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        RealServerRuns.assertListensOnLoopbackOnly(websocketd);
    }
}
