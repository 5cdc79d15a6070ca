package dev.herd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herd.cli.testing.CliRun;
import dev.herd.broker.testing.TargetFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlowSubscriberCommandTest {



    @Test
    void aRunAgainstTheReferenceTargetWritesTheSection(@TempDir Path dir) throws Exception {
        try (TargetFixture target = TargetFixture.start(b -> b)) {
            CliRun run = CliRun.of("slow-subscriber", "--url", "ws://127.0.0.1:" + target.port() + "/ws/{topic}",
                    "--subscribers", "20", "--slow-count", "2", "--stall-for", "2s", "--out", dir.toString(), "-q",
                    // A quarter of the default bytes a second: the target shares this JVM (and its paranoid leak
                    // tracking) with herd, and a busy machine must still deliver everything before the drain ends.
                    "--rate", "150", "--size", "2KiB",
                    // Ends as soon as everything arrived; the room is for a machine busy with other work.
                    "--drain", "10s");

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
            assertThat(summary.path("scenario").asText()).isEqualTo("slow-subscriber");
            JsonNode section = summary.path("slow_subscribers");
            assertThat(section.path("slow").asInt()).isEqualTo(2);
            assertThat(section.path("healthy").asInt()).isEqualTo(18);
            assertThat(section.path("stall_for_ms").asLong()).isEqualTo(2000);
            // The reference target buffers by default, with room for two seconds of 1.2 MB/s.
            assertThat(section.path("classification").asText()).as(section.path("evidence").asText())
                    .isEqualTo("buffered");
            if (summary.path("generator").path("trustworthy").asBoolean()) {
                assertThat(section.path("healthy_lost").asLong()).isZero();
                assertThat(summary.path("messages").path("lost").asLong()).isZero();
            } else {
                // Event loops seconds late (a machine far busier than herd): messages still in flight when the drain
                // ends count as lost, and herd's own verdict says its figures cannot be trusted.
                assertThat(summary.path("generator").path("reasons")).isNotEmpty();
            }
            assertThat(section.path("healthy_p99_during_ms").isNumber()).isTrue();
            assertThat(section.path("healthy_latency").path("during").path("count").asLong()).isPositive();
            assertThat(section.path("latency").path("count").asLong()).isPositive();
            assertThat(section.path("target_stats").path("slow_policy").asText()).isEqualTo("buffer");
            assertThat(run.out()).contains("the target buffered them (");
        }
    }

    @Test
    void aBadReadRateIsOneLineAndExitTwo() {
        CliRun run = CliRun.of("slow-subscriber", "--url", "ws://127.0.0.1:9/ws/{topic}", "--slow-read", "fast");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("herd: ").contains("'fast' is not a byte rate")
                .contains("--slow-read");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aFractionAndACountTogetherAreOneLineAndExitTwo() {
        CliRun run = CliRun.of("slow-subscriber", "--url", "ws://127.0.0.1:9/ws/{topic}", "--slow-fraction", "0.1",
                "--slow-count", "3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("not both");
    }

    @Test
    void aGroupThatLeavesATopicWithoutHealthySubscribersIsRefused() {
        CliRun run = CliRun.of("slow-subscriber", "--url", "ws://127.0.0.1:9/ws/{topic}", "--subscribers", "4",
                "--topics", "2", "--slow-count", "3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("can be at most 2");
    }
}
