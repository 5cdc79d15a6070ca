package dev.herd.cli.realserver;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * herd's {@code socketio} protocol against a Socket.IO 4 server (servers/socketio): a broadcast through rooms while
 * the server pings every second and drops a client that has not answered within 2 s, and a subscription it
 * refuses (a topic starting with "forbidden": the server disconnects the socket instead of acking).
 */
class SocketIoIT {

    @RegisterExtension
    static final RealServer socketio = RealServer.named("socketio");

    @TempDir
    Path dir;

    private String url() {
        return "ws://127.0.0.1:" + socketio.port();
    }

    @Test
    void everyMessageArrivesAndPongsKeepTheConnectionsPastThePingTimeout() throws Exception {
        HerdRun run = HerdRun.of(dir, RealServerRuns.broadcast(url(), "--protocol", "socketio"));
        RealServerRuns.assertEveryMessageArrived(run, socketio);
    }

    @Test
    void aForbiddenTopicIsRefused() throws Exception {
        HerdRun run = HerdRun.of(dir, RealServerRuns.refused(url(), "--protocol", "socketio",
                "--topic-prefix", "forbidden-"));
        RealServerRuns.assertEverySubscriptionRejected(run, socketio);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        RealServerRuns.assertListensOnLoopbackOnly(socketio);
    }
}
