package dev.herd.cli.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** herd prints a scenario file's problem as one line, whatever the file's values hold. */
class ScenarioFileExceptionTest {

    @Test
    void lineBreaksAndOtherControlCharactersAreEscapedAndTabsKept() {
        ScenarioFileException e = new ScenarioFileException("a.yaml", 3,
                "x: 'one\ntwo\r\nthree\u2028four\u2029five\u0085six\u000bseven\u0000eight\tnine' is bad");

        assertThat(e.getMessage()).isEqualTo("a.yaml:3: x: 'one\\ntwo\\r\\nthree\\u2028four\\u2029five\\u0085six"
                + "\\u000bseven\\u0000eight\tnine' is bad");
        assertThat(e.file()).isEqualTo("a.yaml");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void aMessageOfPrintableTextIsKeptAsItIs() {
        assertThat(new ScenarioFileException("b.yaml", 1, "duration: 'zehn Sekunden' ist keine Dauer — é 日本")
                .getMessage()).isEqualTo("b.yaml:1: duration: 'zehn Sekunden' ist keine Dauer — é 日本");
    }
}
