package dev.herd.cli.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.api.Slice;
import dev.herd.cli.UsageException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SliceArgumentTest {

    @ParameterizedTest(name = "auto/8 with {0}={1} is slice {1}/8")
    @CsvSource({"JOB_COMPLETION_INDEX, 3", "SLURM_PROCID, 5", "SLURM_ARRAY_TASK_ID, 7"})
    void autoTakesTheIndexFromTheEngineThatStartedTheProcess(String variable, int index) {
        assertThat(SliceArgument.parse("auto/8", Map.of(variable, Integer.toString(index))))
                .isEqualTo(new Slice(index, 8));
    }

    @Test
    void aKubernetesIndexWinsOverSlurmsWhenBothAreSet() {
        assertThat(SliceArgument.parse("auto/4", Map.of("SLURM_PROCID", "2", "JOB_COMPLETION_INDEX", "1")))
                .isEqualTo(new Slice(1, 4));
    }

    @Test
    void anExplicitIndexNeedsNoEnvironment() {
        assertThat(SliceArgument.parse("2/5", Map.of())).isEqualTo(new Slice(2, 5));
    }

    @Test
    void autoWithoutAnIndexInTheEnvironmentSaysWhereItLooked() {
        assertThatThrownBy(() -> SliceArgument.parse("auto/4", Map.of())).isInstanceOf(UsageException.class)
                .hasMessageContaining("none of JOB_COMPLETION_INDEX, SLURM_PROCID, SLURM_ARRAY_TASK_ID is set");
    }

    @Test
    void anIndexOutOfRangeNamesTheVariableItCameFrom() {
        assertThatThrownBy(() -> SliceArgument.parse("auto/4", Map.of("SLURM_PROCID", "4")))
                .hasMessageContaining("SLURM_PROCID=4 gives '4/4' is not I/N");
        assertThatThrownBy(() -> SliceArgument.parse("3", Map.of())).hasMessageContaining("'3' is not I/N");
    }
}
