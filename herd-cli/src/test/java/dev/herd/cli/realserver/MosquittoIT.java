package dev.herd.cli.realserver;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * herd's {@code mqtt} protocol against mosquitto 2.0 (MQTT over WebSocket, servers/mosquitto): a broadcast with a
 * 2 s keep-alive, which mosquitto enforces (it drops a client silent for 1.5 times its keep-alive), and
 * subscriptions it refuses: SUBACK 0x80 for a forbidden topic, CONNACK 5 for a wrong password.
 */
class MosquittoIT {

    @RegisterExtension
    static final RealServer mosquitto = RealServer.named("mosquitto");

    @TempDir
    Path dir;

    private String url() {
        return "ws://127.0.0.1:" + mosquitto.port();
    }

    @Test
    void everyMessageArrivesAndPingsKeepTheConnectionsPastTheKeepAlive() throws Exception {
        HerdRun run = HerdRun.of(dir, RealServerRuns.broadcast(url(), "--protocol", "mqtt",
                "--protocol-option", "keepalive=2s",
                "--protocol-option", "username=herd", "--protocol-option", "password=secret"));
        RealServerRuns.assertEveryMessageArrived(run, mosquitto);
    }

    @Test
    void aForbiddenTopicIsRefusedBySuback() throws Exception {
        HerdRun run = HerdRun.of(dir, RealServerRuns.refused(url(), "--protocol", "mqtt",
                "--protocol-option", "topic=forbidden/{{topic}}"));
        RealServerRuns.assertEverySubscriptionRejected(run, mosquitto);
    }

    @Test
    void aWrongPasswordIsRefusedByConnack() throws Exception {
        HerdRun run = HerdRun.of(dir, RealServerRuns.refused(url(), "--protocol", "mqtt",
                "--protocol-option", "username=herd", "--protocol-option", "password=wrong"));
        RealServerRuns.assertEverySubscriptionRejected(run, mosquitto);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        RealServerRuns.assertListensOnLoopbackOnly(mosquitto);
    }
}
