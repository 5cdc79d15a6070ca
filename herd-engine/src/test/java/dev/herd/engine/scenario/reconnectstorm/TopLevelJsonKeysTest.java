package dev.herd.engine.scenario.reconnectstorm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopLevelJsonKeysTest {

    @ParameterizedTest(name = "{0} has top-level keys [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            {"a":1,"b":"x"}                                  | a,b
            { "a" : {"inner":1}, "b" : [ {"deep":2} ] }      | a,b
            {"s":"a \\" quoted: \\"key\\":","t":true}        | s,t
            {"list":["x","y"],"n":null}                      | list,n
            {}                                               |
            [{"a":1}]                                        |
            not json                                         |
            """)
    void findsOnlyTheOuterObjectsKeys(String json, String keys) {
        String expected = keys == null ? "" : keys;
        assertThat(String.join(",", TopLevelJsonKeys.of(json))).isEqualTo(expected);
    }
}
