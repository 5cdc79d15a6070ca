package dev.herd.engine.scenario.slowsubscriber;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.scenario.JsonTree;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetStatsFiguresTest {

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
}
