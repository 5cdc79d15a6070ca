package dev.herd.cli.realserver;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * herd's {@code stomp} protocol against RabbitMQ 3.10's Web STOMP (servers/rabbitmq): a broadcast with 1 s
 * heart-beats through a server that closes a WebSocket silent for 4 s, and subscriptions it refuses: an ERROR for
 * a wrong passcode, and for a queue that does not exist an ERROR that RabbitMQ 3.10 loses in its close (the client
 * sees the socket close during its subscribe; rabbitmq-server issue 6737).
 */
class RabbitMqStompIT {

    @RegisterExtension
    static final RealServer rabbitmq = RealServer.named("rabbitmq");

    @TempDir
    Path dir;

    private String url() {
        return "ws://127.0.0.1:" + rabbitmq.port() + "/ws";
    }

    @Test
    void everyMessageArrivesAndHeartBeatsKeepTheConnectionsPastTheIdleTimeout() throws Exception {
        HerdRun run = HerdRun.of(dir, RealServerRuns.broadcast(url(), "--protocol", "stomp",
                "--protocol-option", "login=guest", "--protocol-option", "passcode=guest",
                "--protocol-option", "heartbeat=1s"));
        RealServerRuns.assertEveryMessageArrived(run, rabbitmq);
    }

    @Test
    void aWrongPasscodeIsRefusedAndNotWrittenAnywhere() throws Exception {
        String passcode = "wrong-passcode-4f1d";
        HerdRun run = HerdRun.of(dir, RealServerRuns.refused(url(), "--protocol", "stomp",
                "--protocol-option", "login=guest", "--protocol-option", "passcode=" + passcode));
        RealServerRuns.assertEverySubscriptionRejected(run, rabbitmq);
        run.assertNowhere(passcode);
    }

    @Test
    void aQueueThatDoesNotExistIsRefused() throws Exception {
        HerdRun run = HerdRun.of(dir, RealServerRuns.refused(url(), "--protocol", "stomp",
                "--protocol-option", "login=guest", "--protocol-option", "passcode=guest",
                "--protocol-option", "destination=/amq/queue/does-not-exist"));
        RealServerRuns.assertEverySubscriptionRejected(run, rabbitmq);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        RealServerRuns.assertListensOnLoopbackOnly(rabbitmq);
    }
}
