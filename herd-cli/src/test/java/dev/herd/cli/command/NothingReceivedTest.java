package dev.herd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.cli.testing.CliRun;
import dev.herd.cli.testing.RecordingUpgradeServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that accepts every subscriber and every published frame but delivers nothing (as one that needs a subscribe
 * handshake does): herd says so in one line and exits 3, with every result file written.
 */
class NothingReceivedTest {

    @Test
    void messagesPublishedAndNoneReceivedIsAFailedRunNamingTheLikelyCause(@TempDir Path dir) throws Exception {
        CliRun run;
        try (RecordingUpgradeServer server = new RecordingUpgradeServer()) {
            run = CliRun.of("broadcast", "--url", "ws://127.0.0.1:" + server.port() + "/ws/{topic}",
                    "--subscribers", "10", "--rate", "50", "--duration", "1s", "--drain", "1s",
                    "--connect-within", "100ms", "-q", "--out", dir.toString());
        }

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out()).containsOnlyOnce("herd: run failed: ")
                .contains("none received: subscribers received nothing at all: the server may need a subscribe "
                        + "handshake (--protocol socketio, stomp, mqtt, graphql-ws or a script file)");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.path("messages").path("published").asLong()).isEqualTo(50);
        assertThat(summary.path("messages").path("received").asLong()).isZero();
        assertThat(dir.resolve("report.html")).exists();
    }
}
