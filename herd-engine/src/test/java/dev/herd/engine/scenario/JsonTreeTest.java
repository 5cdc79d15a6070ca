package dev.herd.engine.scenario;

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
    void malformedTextNamesWhereItWentWrong() {
        assertThatThrownBy(() -> JsonTree.parse("{\"a\": }")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not JSON at offset 6: a value expected");
        assertThatThrownBy(() -> JsonTree.parse("[1, 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonTree.parse("{} x")).hasMessageContaining("text after the value");
        assertThatThrownBy(() -> JsonTree.parse("\"open")).hasMessageContaining("unterminated string");
    }
}
