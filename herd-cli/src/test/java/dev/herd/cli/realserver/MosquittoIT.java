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

    /**
     * mosquitto checks keep-alives coarsely: a client silent after its SUBSCRIBE with a 2 s keep-alive is dropped
     * 4.4 to 5.8 s later (measured). 10 s of publishing outlives that by far.
     */
    private static final int SECONDS = 10;

    @RegisterExtension
    static final RealServer mosquitto = RealServer.named("mosquitto");

    @TempDir
    Path dir;

    private String url() {
        return "ws://127.0.0.1:" + mosquitto.port();
    }

    @Test
    void everyMessageArrivesAndPingsKeepTheConnectionsPastTheKeepAlive() throws Exception {
        HerdRun run = HerdRun.of(dir, RealServerRuns.broadcast(SECONDS, url(), "--protocol", "mqtt",
                "--protocol-option", "keepalive=2s",
                "--protocol-option", "username=herd", "--protocol-option", "password=secret"));
        RealServerRuns.assertEveryMessageArrived(run, mosquitto, SECONDS);
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
