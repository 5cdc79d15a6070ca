package dev.herd.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.broker.pubsub.SlowSubscriberPolicy;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TargetConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        TargetConfig config = TargetConfig.builder().build();
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.slowPolicy()).isEqualTo(SlowSubscriberPolicy.BUFFER);
        assertThat(config.maxQueueBytes()).isEqualTo(4L << 20);
        assertThat(config.slowTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.writeBufferHighWaterMark()).isEqualTo(64 << 10);
        assertThat(config.writeBufferLowWaterMark()).isEqualTo(32 << 10);
        assertThat(config.delay()).isZero();
        assertThat(config.jitter()).isZero();
        assertThat(config.maxConnections()).isEqualTo(TargetConfig.UNLIMITED_CONNECTIONS);
        assertThat(config.replaySize()).isEqualTo(1024);
        assertThat(config.sseRetry()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.sseHeartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.maxFrameBytes()).isEqualTo(64 << 10);
        assertThat(config.maxPublishBytes()).isEqualTo(1 << 20);
        assertThat(config.echo()).isFalse();
    }

    @Test
    void toBuilderRoundTrips() {
        TargetConfig config = TargetConfig.builder().port(0).echo(true).jitter(Duration.ofMillis(3)).build();
        assertThat(config.toBuilder().build().toString()).isEqualTo(config.toString());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("bind", b -> b.bind(" ")),
                bad("port", b -> b.port(70000)),
                bad("threads", b -> b.threads(0)),
                bad("slowPolicy", b -> b.slowPolicy(null)),
                bad("maxQueueBytes", b -> b.maxQueueBytes(1024)),
                bad("slowTimeout", b -> b.slowTimeout(Duration.ZERO)),
                bad("writeBufferHighWaterMark", b -> b.writeBufferHighWaterMark(0)),
                bad("writeBufferLowWaterMark", b -> b.writeBufferLowWaterMark(100 << 10)),
                bad("delay", b -> b.delay(Duration.ofMillis(-1))),
                bad("jitter", b -> b.jitter(Duration.ofDays(2))),
                bad("maxConnections", b -> b.maxConnections(0)),
                bad("replaySize", b -> b.replaySize(0)),
                bad("sseRetry", b -> b.sseRetry(null)),
                bad("sseHeartbeat", b -> b.sseHeartbeat(Duration.ZERO)),
                bad("maxFrameBytes", b -> b.maxFrameBytes(1L << 32)),
                bad("maxPublishBytes", b -> b.maxPublishBytes(0)));
    }

    @ParameterizedTest(name = "a bad {0} is rejected, naming it")
    @MethodSource("badValues")
    void aBadValueIsAnIllegalArgumentNamingTheOption(String option, UnaryOperator<TargetConfig.Builder> change) {
        assertThatThrownBy(() -> change.apply(TargetConfig.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(option + " ");
    }

    private static Arguments bad(String option, UnaryOperator<TargetConfig.Builder> change) {
        return Arguments.of(option, change);
    }
}
