package dev.herd.cli.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.cli.Herd;
import dev.herd.cli.testing.CliRun;
import dev.herd.broker.testing.SelfSignedKeystore;
import dev.herd.broker.testing.TargetFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A run given every kind of secret (URL user-info, credential-like and {@code --redact} query parameters, header
 * values, a truststore password) uses them towards the target and writes none of them: not in any file of its results
 * directory, not on the console, not in its JSON lines, not on its Prometheus endpoint.
 */
class SecretsNeverWrittenTest {

    private static final String USER_INFO_PASSWORD = "pw-userinfo-7f3a";
    private static final String QUERY_TOKEN = "tok-query-91c2";
    private static final String REDACTED_EXTRA = "ten-extra-55d1";
    private static final String PUBLISH_SIGNATURE = "sig-pub-2b7e";
    private static final String BEARER = "hdr-bearer-3e8b";
    private static final String API_KEY = "hdr-apikey-6d0c";
    private static final String STORE_PASSWORD = "store-pass-81aa";
    private static final List<String> SECRETS = List.of(USER_INFO_PASSWORD, QUERY_TOKEN, REDACTED_EXTRA,
            PUBLISH_SIGNATURE, BEARER, API_KEY, STORE_PASSWORD);

    @TempDir
    Path dir;

    @Test
    void aRunWithEverySecretWritesNoneOfThemAnywhere() throws Exception {
        SelfSignedKeystore tls = SelfSignedKeystore.generate(dir);
        Path truststore = tls.truststore(dir, STORE_PASSWORD);
        Path out = dir.resolve("results");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        String scraped;
        int exit;
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            CommandLine cli = Herd.commandLine();
            cli.setOut(new PrintWriter(stdout, true));
            cli.setErr(new PrintWriter(stderr, true));
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.execute("broadcast",
                    "--url", "ws://herd:" + USER_INFO_PASSWORD + "@127.0.0.1:" + target.port() + "/ws/{topic}"
                            + "?access_token=" + QUERY_TOKEN + "&room=lobby&tenant=" + REDACTED_EXTRA,
                    "--redact", "tenant",
                    "--publish-url", "http://127.0.0.1:" + target.port() + "/pub/{topic}?sig=" + PUBLISH_SIGNATURE,
                    "-H", "Authorization=Bearer " + BEARER, "-H", "X-Api-Key=" + API_KEY,
                    "--trust-cert", truststore.toString(), "--trust-store-password", STORE_PASSWORD,
                    "--subscribers", "10", "--rate", "50", "--duration", "3s", "--connect-within", "200ms",
                    "--output", "jsonl", "--prometheus-port", "0", "--out", out.toString()));
            scraped = scrapeWhileRunning(stderr); // with --output jsonl the human lines go to stderr
            exit = run.get(60, TimeUnit.SECONDS);
        }

        assertThat(exit).as(stderr.toString()).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        // The secrets were used: every subscriber connected with them, every message was published with them.
        assertThat(summary.path("connections").path("established").asLong()).isEqualTo(10);
        assertThat(summary.path("messages").path("received").asLong()).isEqualTo(150L * 10);
        assertThat(summary.path("target").path("url").asText()).isEqualTo("ws://***@127.0.0.1:"
                + summary.path("target").path("url").asText().replaceAll(".*127\\.0\\.0\\.1:(\\d+).*", "$1")
                + "/ws/{topic}?access_token=***&room=lobby&tenant=***");
        assertThat(summary.path("target").path("publish_url").asText()).endsWith("/pub/{topic}?sig=***");

        List<String> places = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                places.add(file.getFileName() + "\n" + text);
            }
        }
        assertThat(places).extracting(p -> p.substring(0, p.indexOf('\n'))).contains("summary.json",
                "timeseries.json", "intervals.hlog", "junit.xml", "report.html");
        places.add("stdout (JSON lines)\n" + stdout);
        places.add("stderr (console)\n" + stderr);
        places.add("prometheus\n" + scraped);
        for (String place : places) {
            for (String secret : SECRETS) {
                assertThat(place).as("%s in %s", secret, place.substring(0, place.indexOf('\n')))
                        .doesNotContain(secret);
            }
        }
    }

    @Test
    void anErrorAboutTheCommandLineMasksTheSecretsItQuotes() {
        // A header written with a colon instead of '=': picocli quotes the value in its error.
        CliRun run = CliRun.of("broadcast", "--url", "ws://127.0.0.1:9/ws/{topic}", "-H",
                "Authorization: Bearer " + BEARER);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).doesNotContain(BEARER).contains("***");
    }

    @Test
    void aUrlThatDoesNotParseIsQuotedWithItsSecretsMasked() {
        CliRun run = CliRun.of("broadcast", "--url", "ftp://herd:" + USER_INFO_PASSWORD + "@127.0.0.1:9/x?token="
                + QUERY_TOKEN);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).doesNotContain(USER_INFO_PASSWORD).doesNotContain(QUERY_TOKEN)
                .contains("ftp://***@127.0.0.1:9/x?token=***");
    }

    /** Reads the Prometheus endpoint the run prints, once it serves figures of the run. */
    private static String scrapeWhileRunning(StringWriter console) throws IOException, InterruptedException {
        Pattern endpoint = Pattern.compile("prometheus\\s+(http://\\S+/metrics)");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> endpoint.matcher(console.toString()).find());
        Matcher m = endpoint.matcher(console.toString());
        assertThat(m.find()).isTrue();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String[] body = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            body[0] = http.send(HttpRequest.newBuilder(URI.create(m.group(1))).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return body[0].contains("herd_messages_received_total");
        });
        return body[0];
    }
}
