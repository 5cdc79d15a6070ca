package dev.herd.cli.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.cli.testing.CliRun;
import dev.herd.broker.testing.Misbehaviour;
import dev.herd.broker.testing.MisbehavingServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * herd against targets that break the rules, one way each ({@link Misbehaviour}): every client is accounted for under
 * a named reason in summary.json (never {@code other}), the run ends by itself with every result file written, and
 * no Netty buffer leaks (the leak check runs after the class). That memory stays bounded is {@code BoundedHeapIT}'s.
 */
class MisbehavingTargetsTest {

    private static final int CLIENTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RESULT_FILES = List.of("summary.json", "timeseries.json", "intervals.hlog",
            "junit.xml", "report.html");

    @TempDir
    Path dir;

    /** Where summary.json counts what the behaviour does to a client. */
    enum Counted { FAILED, CLOSED, UNSTAMPED, HELD }

    private static final List<String> NONE = List.of();
    private static final List<String> NO_BUDGET = List.of("--max-message-bytes", "4MiB", "--receive-budget", "0");
    /**
     * For what streams without end until the limit: 64 KiB instead of the default 1 MiB, so the limit is reached
     * within the short hold even on a machine kept busy (the default once took longer than the hold there).
     */
    private static final List<String> SMALL_LIMIT = List.of("--max-message-bytes", "64KiB");

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of(Misbehaviour.WRONG_ACCEPT, Counted.FAILED, "handshake_invalid", NONE),
                Arguments.of(Misbehaviour.UPGRADE_403, Counted.FAILED, "http_403", NONE),
                Arguments.of(Misbehaviour.UPGRADE_503, Counted.FAILED, "http_503", NONE),
                Arguments.of(Misbehaviour.UPGRADE_302, Counted.FAILED, "http_302", NONE),
                Arguments.of(Misbehaviour.SILENT, Counted.FAILED, "timeout", NONE),
                Arguments.of(Misbehaviour.CLOSE_WITHOUT_RESPONSE, Counted.FAILED, "closed", NONE),
                Arguments.of(Misbehaviour.ENDLESS_HEADERS, Counted.FAILED, "headers_too_large", NONE),
                Arguments.of(Misbehaviour.MANY_HEADERS, Counted.FAILED, "headers_too_large", NONE),
                Arguments.of(Misbehaviour.RST_MID_FRAME, Counted.CLOSED, "reset", NONE),
                Arguments.of(Misbehaviour.FRAME_LENGTH_2_62, Counted.CLOSED, "message_too_large", NONE),
                Arguments.of(Misbehaviour.OVERSIZED_FRAME, Counted.CLOSED, "message_too_large", NONE),
                Arguments.of(Misbehaviour.ENDLESS_FRAGMENTS, Counted.CLOSED, "message_too_large", SMALL_LIMIT),
                Arguments.of(Misbehaviour.RESERVED_BITS, Counted.CLOSED, "ws_reserved_bits", NONE),
                Arguments.of(Misbehaviour.RESERVED_OPCODE, Counted.CLOSED, "ws_reserved_opcode", NONE),
                Arguments.of(Misbehaviour.MASKED_FRAME, Counted.CLOSED, "ws_masked_frame", NONE),
                Arguments.of(Misbehaviour.FRAGMENTED_CONTROL, Counted.CLOSED, "ws_bad_control_frame", NONE),
                Arguments.of(Misbehaviour.INVALID_UTF8, Counted.CLOSED, "invalid_utf8", NONE),
                Arguments.of(Misbehaviour.INVALID_CLOSE_CODE, Counted.CLOSED, "ws_bad_close_frame", NONE),
                Arguments.of(Misbehaviour.HALF_CLOSE, Counted.CLOSED, "closed", NONE),
                Arguments.of(Misbehaviour.FLOOD, Counted.UNSTAMPED, "unstamped", NONE),
                Arguments.of(Misbehaviour.UPGRADE_THEN_DEAF, Counted.HELD, "closed_by_client", NONE),
                Arguments.of(Misbehaviour.SSE_WRONG_CONTENT_TYPE, Counted.FAILED, "sse_content_type", NONE),
                Arguments.of(Misbehaviour.SSE_BAD_CHUNK, Counted.CLOSED, "http_chunk_invalid", NONE),
                Arguments.of(Misbehaviour.SSE_ENDLESS_LINE, Counted.CLOSED, "message_too_large", SMALL_LIMIT),
                Arguments.of(Misbehaviour.SSE_ENDLESS_EVENT, Counted.CLOSED, "message_too_large", SMALL_LIMIT),
                Arguments.of(Misbehaviour.SSE_FLOOD, Counted.UNSTAMPED, "unstamped", NONE),
                // With no receive budget, whatever a connection holds beyond 64 KiB must fit nowhere.
                Arguments.of(Misbehaviour.OVERSIZED_FRAME, Counted.CLOSED, "local_receive_budget", NO_BUDGET),
                Arguments.of(Misbehaviour.ENDLESS_FRAGMENTS, Counted.CLOSED, "local_receive_budget", NO_BUDGET),
                Arguments.of(Misbehaviour.SSE_ENDLESS_LINE, Counted.CLOSED, "local_receive_budget", NO_BUDGET));
    }

    @ParameterizedTest(name = "{0} {3}: counted as {2}")
    @MethodSource("corpus")
    void eachMisbehaviourIsCountedUnderItsNameAndTheRunEndsWithItsResults(Misbehaviour behaviour, Counted where,
                                                                           String reason, List<String> flags)
            throws IOException {
        Path out = dir.resolve(behaviour.name().toLowerCase(java.util.Locale.ROOT) + flags.size());
        CliRun run;
        try (MisbehavingServer server = MisbehavingServer.start(behaviour)) {
            List<String> args = new ArrayList<>(List.of("connect-storm", "--url",
                    behaviour.sse() ? server.sseUrl() : server.wsUrl(), "--clients", Integer.toString(CLIENTS),
                    "--within", "100ms", "--hold", "1500ms", "--connect-timeout", "3s", "-q", "--out", out.toString()));
            args.addAll(flags);
            run = CliRun.of(args.toArray(new String[0]));
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String file : RESULT_FILES) {
            assertThat(out.resolve(file)).as(file).isNotEmptyFile();
        }
        JsonNode connections = JSON.readTree(out.resolve("summary.json").toFile()).path("connections");
        JsonNode messages = JSON.readTree(out.resolve("summary.json").toFile()).path("messages");
        assertThat(names(connections.path("failed_by_reason"))).doesNotContain("other", "unknown", "protocol");
        assertThat(names(connections.path("closed_by_reason"))).doesNotContain("other", "unknown", "protocol");
        switch (where) {
            case FAILED -> {
                assertThat(connections.path("failed").asLong()).isEqualTo(CLIENTS);
                assertThat(connections.path("failed_by_reason").path(reason).asLong()).as("%s", connections)
                        .isEqualTo(CLIENTS);
            }
            case CLOSED -> {
                assertThat(connections.path("established").asLong()).isEqualTo(CLIENTS);
                assertThat(connections.path("closed_by_reason").path(reason).asLong()).as("%s", connections)
                        .isEqualTo(CLIENTS);
            }
            case UNSTAMPED -> {
                assertThat(connections.path("established").asLong()).isEqualTo(CLIENTS);
                assertThat(messages.path(reason).asLong()).as("%s", messages).isPositive();
                assertThat(messages.path("received").asLong()).isZero();
            }
            case HELD -> {
                assertThat(connections.path("established").asLong()).isEqualTo(CLIENTS);
                assertThat(connections.path(reason).asLong()).as("%s", connections).isEqualTo(CLIENTS);
            }
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
