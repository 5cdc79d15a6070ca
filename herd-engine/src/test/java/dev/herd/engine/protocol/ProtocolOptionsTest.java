package dev.herd.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtocolOptionsTest {

    private static final List<ProtocolOption> DECLARED = List.of(
            new ProtocolOption("qos", "0", "quality of service"),
            new ProtocolOption("keepalive", "30s", "ping interval"),
            new ProtocolOption("ack", "true", "wait for the ack"),
            new ProtocolOption("version", "3.1.1", "protocol version"),
            new ProtocolOption("username", null, "user"));

    @Test
    void whatIsNotGivenFallsBackOnTheDeclaredDefault() {
        ProtocolOptions o = ProtocolOptions.of("mqtt", Map.of("qos", "1"), DECLARED);
        assertThat(o.integer("qos", 0, 1)).isEqualTo(1);
        assertThat(o.duration("keepalive")).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.flag("ack")).isTrue();
        assertThat(o.choice("version", Set.of("3.1.1", "5"))).isEqualTo("3.1.1");
        assertThat(o.text("username")).isNull();
        assertThat(o.given("qos")).isTrue();
        assertThat(o.given("username")).isFalse();
    }

    @Test
    void anUnknownKeyIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> ProtocolOptions.of("mqtt", Map.of("qso", "1"), DECLARED))
                .hasMessage("protocol option 'qso' is not an option of mqtt (its options: qos, keepalive, ack, version, "
                        + "username)");
        assertThatThrownBy(() -> ProtocolOptions.of("raw", Map.of("x", "1"), List.of()))
                .hasMessage("protocol option 'x' is not an option of raw, which takes none");
    }

    @Test
    void aBadValueIsNamedWithWhatIsExpected() {
        assertThatThrownBy(() -> ProtocolOptions.of("mqtt", Map.of("qos", "2"), DECLARED).integer("qos", 0, 1))
                .hasMessage("protocol option 'qos' of mqtt must be 0 or 1, not '2'");
        assertThatThrownBy(() -> ProtocolOptions.of("mqtt", Map.of("keepalive", "soon"), DECLARED)
                .duration("keepalive")).hasMessageContaining("must be a duration such as 500ms, 10s or 1m, not 'soon'");
        assertThatThrownBy(() -> ProtocolOptions.of("mqtt", Map.of("ack", "maybe"), DECLARED).flag("ack"))
                .hasMessageContaining("must be true or false");
        assertThatThrownBy(() -> ProtocolOptions.of("mqtt", Map.of("version", "4"), DECLARED)
                .choice("version", Set.of("3.1.1", "5"))).hasMessageContaining("must be 3.1.1 or 5, not '4'");
    }

    @Test
    void durationsTakeTheUsualUnits() {
        for (var c : Map.of("500ms", Duration.ofMillis(500), "10s", Duration.ofSeconds(10), "2m",
                Duration.ofMinutes(2), "1h", Duration.ofHours(1), "0", Duration.ZERO).entrySet()) {
            assertThat(ProtocolOptions.of("p", Map.of("keepalive", c.getKey()), DECLARED).duration("keepalive"))
                    .isEqualTo(c.getValue());
        }
    }
}
