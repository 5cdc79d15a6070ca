package dev.herd.engine.feeder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class FeederReaderTest {

    @Test
    void csvWithAHeaderRowGivesOneRowPerLine() {
        Feeder f = FeederReader.parse("users.csv", "user,token\nalice,t-1\nbob,t-2\n");
        assertThat(f.columns()).containsExactly("user", "token");
        assertThat(f.rows()).isEqualTo(2);
        assertThat(f.value(1, f.column("token"))).isEqualTo("t-2");
    }

    @Test
    void quotedCsvFieldsMayHoldCommasQuotesAndLineBreaks() {
        Feeder f = FeederReader.parse("users.csv", "user,note\r\n\"bob, jr\",\"says \"\"hi\"\"\nthen leaves\"\r\n");
        assertThat(f.value(0, 0)).isEqualTo("bob, jr");
        assertThat(f.value(0, 1)).isEqualTo("says \"hi\"\nthen leaves");
    }

    @Test
    void aByteOrderMarkAndBlankLinesAreIgnored() {
        Feeder f = FeederReader.parse("users.csv", "\uFEFFuser\n\nalice\n\n");
        assertThat(f.columns()).containsExactly("user");
        assertThat(f.rows()).isEqualTo(1);
    }

    @Test
    void jsonLinesGiveAColumnPerKey() {
        Feeder f = FeederReader.parse("users.jsonl", "{\"user\":\"alice\",\"id\":7,\"admin\":true}\n"
                + "{\"user\":\"bob\",\"id\":8,\"admin\":false}\n");
        assertThat(f.columns()).containsExactly("user", "id", "admin");
        assertThat(f.value(1, f.column("id"))).isEqualTo("8");
        assertThat(f.value(0, f.column("admin"))).isEqualTo("true");
    }

    @ParameterizedTest(name = "{0} is refused: {2}")
    @MethodSource("badCsv")
    void aBadCsvFileIsOneLineNamingWhere(String what, String text, String message) {
        assertThatThrownBy(() -> FeederReader.parse("users.csv", text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest(name = "{0} is refused: {2}")
    @MethodSource("badJsonLines")
    void aBadJsonLinesFileIsOneLineNamingWhere(String what, String text, String message) {
        assertThatThrownBy(() -> FeederReader.parse("users.jsonl", text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void sequentialOrderGivesClientIItsOwnRowAndRefusesMoreClientsThanRows() {
        Feeder f = FeederReader.parse("users.csv", "user\na\nb\nc\n");
        assertThat(List.of(f.value(0, 0), f.value(1, 0), f.value(2, 0))).containsExactly("a", "b", "c");
        f.checkCovers(3);
        assertThatThrownBy(() -> f.checkCovers(4)).hasMessageContaining("3 rows for 4 clients in sequential order");
    }

    @Test
    void circularOrderWrapsAroundAndRandomOrderIsTheSameForTheSameSeed() {
        Feeder f = FeederReader.parse("users.csv", "user\na\nb\nc\n");
        Feeder circular = f.order(FeederOrder.CIRCULAR, 1);
        assertThat(circular.value(4, 0)).isEqualTo("b");
        circular.checkCovers(1000);
        Feeder random = f.order(FeederOrder.RANDOM, 42);
        Feeder again = f.order(FeederOrder.RANDOM, 42);
        for (int client = 0; client < 100; client++) {
            assertThat(random.rowOf(client)).isEqualTo(again.rowOf(client)).isBetween(0, 2);
        }
    }

    @Test
    void secretColumnsGiveTheirValuesAndAnUnknownOneIsNamed() {
        Feeder f = FeederReader.parse("users.csv", "user,token\nalice,t-111\nbob,t-222\n").secret("token");
        assertThat(f.secretValues()).containsExactlyInAnyOrder("t-111", "t-222");
        assertThat(f.toString()).doesNotContain("t-111");
        assertThatThrownBy(() -> f.secret("password")).hasMessageContaining("no column 'password' (columns: user, token)");
    }

    static Stream<Arguments> badCsv() {
        return Stream.of(
                Arguments.of("a row with too few fields", "user,token\nalice\n", "users.csv:2: 1 fields, the header has 2"),
                Arguments.of("an empty file", "", "users.csv is empty"),
                Arguments.of("a header alone", "user\n", "users.csv has no rows"),
                Arguments.of("a column that is no placeholder name", "user name\nalice\n", "column 'user name' is not a placeholder name"),
                Arguments.of("a column given twice", "a,a\n1,2\n", "column 'a' appears twice"),
                Arguments.of("an unclosed quote", "user\n\"alice\n", "users.csv:2: a quoted field is not closed"),
                Arguments.of("a quote inside a field", "user\nal\"ice\n", "users.csv:2: a quote inside an unquoted field"));
    }

    static Stream<Arguments> badJsonLines() {
        return Stream.of(
                Arguments.of("a line that is no JSON", "{\"user\":\"a\"}\n{user", "users.jsonl:2: not JSON"),
                Arguments.of("a line that is an array", "[1]", "users.jsonl:1: expected a JSON object per line"),
                Arguments.of("a nested value", "{\"user\":{\"id\":1}}", "users.jsonl:1: 'user' is not a string, number or boolean"),
                Arguments.of("keys that differ from the first line", "{\"a\":1}\n{\"b\":2}", "users.jsonl:2: keys [b] differ"));
    }
}
