package dev.herd.engine.scenario.slowsubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTreeTest {

    @Test
    void readsNestedObjectsInOrderWithWholeAndFractionalNumbers() {
        Object tree = JsonTree.parse("{\"b\": {\"x\": 3, \"y\": -1.5e2}, \"a\": [true, false, null, \"s\\n\\u0041\"]}");

        assertThat(tree).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) tree;
        assertThat(map.keySet()).containsExactly("b", "a");
        assertThat(map.get("b")).isEqualTo(Map.of("x", 3L, "y", -150.0));
        assertThat(map.get("a")).isEqualTo(Arrays.asList(true, false, null, "s\nA"));
    }

    @Test
    void readsTheReferenceTargetsStatsIntoFigures() {
        String before = "{\"connections\":{\"closed\":{\"slow_disconnect\":1,\"queue_overflow\":0}},"
                + "\"messages\":{\"dropped\":10},\"slow_policy\":\"drop\"}";
        String after = "{\"connections\":{\"closed\":{\"slow_disconnect\":3,\"queue_overflow\":0}},"
                + "\"messages\":{\"dropped\":510},\"slow_policy\":\"drop\"}";

        @SuppressWarnings("unchecked")
        TargetStatsFigures f = TargetStatsFigures.between((Map<String, Object>) JsonTree.parse(before),
                (Map<String, Object>) JsonTree.parse(after));

        assertThat(f.slowPolicy()).isEqualTo("drop");
        assertThat(f.dropped()).isEqualTo(500);
        assertThat(f.slowDisconnects()).isEqualTo(2);
        assertThat(f.queueOverflows()).isZero();
    }

    @Test
    void malformedTextNamesWhereItWentWrong() {
        assertThatThrownBy(() -> JsonTree.parse("{\"a\": }")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not JSON at offset 6: a value expected");
        assertThatThrownBy(() -> JsonTree.parse("[1, 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonTree.parse("{} x")).hasMessageContaining("text after the value");
        assertThatThrownBy(() -> JsonTree.parse("\"open")).hasMessageContaining("unterminated string");
    }
}
