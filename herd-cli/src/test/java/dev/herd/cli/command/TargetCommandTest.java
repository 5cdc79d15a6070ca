package dev.herd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.cli.Herd;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class TargetCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsTheActualAddressFirstServesUntilStoppedAndExitsZero() {
        CommandLine cli = cli();
        TargetCommand command = cli.getSubcommands().get("target").getCommand();
        AtomicReference<HttpResponse<String>> stats = new AtomicReference<>();
        command.runUntilStopped = server -> {
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                stats.set(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.localAddress().getPort() + "/stats")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };

        int exit = cli.execute("target", "--port", "0", "--threads", "1", "--slow-policy", "DROP", "--echo");

        assertThat(exit).isZero();
        String firstLine = out.toString().lines().findFirst().orElse("");
        assertThat(firstLine).matches("listening on 127\\.0\\.0\\.1:\\d+").doesNotEndWith(":0");
        assertThat(stats.get().statusCode()).isEqualTo(200);
        assertThat(stats.get().body()).contains("\"slow_policy\":\"drop\"");
        assertThat(err.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} -> one line naming {0}")
    @CsvSource({
        "--port,              abc",
        "--slow-policy,       slowly",
        "--delay,             soon",
        "--max-queue-bytes,   lots",
        "--write-buffer-low,  100KiB",
        "--max-frame-bytes,   3GiB",
        "--replay-size,       0",
        "--slow-timeout,      0s",
        "--max-connections,   0"
    })
    void aBadValueIsOneLineNamingTheFlagAndExitTwo(String flag, String value) {
        int exit = cli().execute("target", flag, value);
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).contains(flag);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void configMessagesNameFlagsNotBuilderMethods() {
        assertThat(TargetCommand.namingFlags(
                "maxQueueBytes must be at least writeBufferHighWaterMark (65536), was 1024"))
                .isEqualTo("--max-queue-bytes must be at least --write-buffer-high (65536), was 1024");
    }

    @Test
    void aTakenPortIsARunFailureExitThree() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            int exit = cli().execute("target", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(exit).isEqualTo(3);
            assertThat(err.toString()).hasLineCount(1).contains("cannot listen");
        }
    }

    @Test
    void reusePortLetsASecondTargetListenOnTheSamePort() {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.netty.channel.epoll.Epoll.isAvailable(), "needs native epoll");
        CommandLine first = cli();
        TargetCommand command = first.getSubcommands().get("target").getCommand();
        AtomicReference<Integer> secondExit = new AtomicReference<>();
        command.runUntilStopped = server -> {
            CommandLine second = cli();
            TargetCommand other = second.getSubcommands().get("target").getCommand();
            other.runUntilStopped = s -> { };
            secondExit.set(second.execute("target", "--port", Integer.toString(server.localAddress().getPort()),
                    "--reuse-port", "--threads", "1"));
        };
        int exit = first.execute("target", "--port", "0", "--reuse-port", "--threads", "1");
        assertThat(exit).isZero();
        assertThat(secondExit.get()).as(err.toString()).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith("listening on 127.0.0.1:")).distinct()).hasSize(1);
    }

    private CommandLine cli() {
        CommandLine cli = Herd.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }
}
