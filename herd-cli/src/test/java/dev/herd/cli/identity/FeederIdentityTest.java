package dev.herd.cli.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.cli.testing.CliRun;
import dev.herd.cli.testing.RecordingUpgradeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-client identity: each client's upgrade request carries its own feeder row in the URL and in header values, and
 * the secret column's values reach the target but no result file and not the console.
 */
class FeederIdentityTest {

    private static final List<String> TOKENS = List.of("tok-alice-5a1f", "tok-bob-77c0", "tok-carol-e3d9");

    @TempDir
    Path dir;

    @Test
    void eachClientSendsItsOwnRowAndTheSecretColumnIsWrittenNowhere() throws Exception {
        Path users = dir.resolve("users.csv");
        Files.writeString(users, "user,token\nalice," + TOKENS.get(0) + "\nbob," + TOKENS.get(1) + "\ncarol,"
                + TOKENS.get(2) + "\n");
        Path out = dir.resolve("results");
        CliRun run;
        List<RecordingUpgradeServer.Upgrade> upgrades;
        try (RecordingUpgradeServer server = new RecordingUpgradeServer()) {
            run = CliRun.of("connect-storm", "--url", "ws://127.0.0.1:" + server.port()
                            + "/ws/{topic}?user={user}&auth={token}&client={client}",
                    "-H", "Authorization=Bearer {token}", "--show-header", "X-User", "-H", "X-User={user}",
                    "--feeder", users.toString(), "--feeder-order", "circular", "--feeder-secret", "token",
                    "--clients", "6", "--within", "200ms", "--hold", "300ms", "--out", out.toString());
            upgrades = server.upgrades();
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(upgrades).hasSize(6);
        Map<Integer, RecordingUpgradeServer.Upgrade> byClient = new HashMap<>();
        upgrades.forEach(u -> byClient.put(Integer.parseInt(u.uri().replaceAll(".*client=(\\d+).*", "$1")), u));
        List<String> names = List.of("alice", "bob", "carol");
        for (int client = 0; client < 6; client++) {
            RecordingUpgradeServer.Upgrade u = byClient.get(client);
            assertThat(u).as("client %d", client).isNotNull();
            assertThat(u.uri()).isEqualTo("/ws/topic-0?user=" + names.get(client % 3) + "&auth="
                    + TOKENS.get(client % 3) + "&client=" + client);
            assertThat(u.headers().get("Authorization")).isEqualTo("Bearer " + TOKENS.get(client % 3));
            assertThat(u.headers().get("X-User")).isEqualTo(names.get(client % 3));
        }
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                TOKENS.forEach(t -> assertThat(text).as("%s in %s", t, file.getFileName()).doesNotContain(t));
            }
        }
        TOKENS.forEach(t -> assertThat(run.out() + run.err()).doesNotContain(t));
    }

    @Test
    void fewerRowsThanClientsInSequentialOrderIsOneLineAndExitTwo() throws Exception {
        Path users = dir.resolve("users.csv");
        Files.writeString(users, "user\nalice\nbob\n");
        CliRun run = CliRun.of("connect-storm", "--url", "ws://127.0.0.1:9/ws/{topic}?u={user}", "--feeder",
                users.toString(), "--clients", "3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("2 rows for 3 clients in sequential order");
    }

    @Test
    void aPlaceholderNoFeederFillsIsOneLineAndExitTwo() {
        CliRun run = CliRun.of("connect-storm", "--url", "ws://127.0.0.1:9/ws/{topic}?t={token}", "--clients", "3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("{token}").contains("no --feeder given");
    }
}
