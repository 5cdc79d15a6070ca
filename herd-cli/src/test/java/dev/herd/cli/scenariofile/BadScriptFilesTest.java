package dev.herd.cli.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.cli.testing.CliRun;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bad script protocol file ({@code --protocol FILE}) gets one line naming the file, the line and the field and
 * what is wrong, exit code 2, no stack trace, and nothing connects.
 */
class BadScriptFilesTest {

    @ParameterizedTest(name = "{0} is rejected with \"{2}\"")
    @CsvSource(delimiter = '|', textBlock = """
            missing-subscribe.yaml              | 1 | subscribe is required (e.g. subscribe: [{send: 'SUB {{topic}}'}, {expect: 'OK'}]
            misspelt-top-key.yaml               | 2 | subscibe: unknown key (did you mean 'subscribe'?)
            step-does-nothing.yaml              | 3 | subscribe[1]: needs send: (a frame to write) or expect: (a frame to wait for)
            step-does-both.yaml                 | 2 | subscribe[0]: has both send and expect: a step does one
            bad-regex.yaml                      | 3 | subscribe[1].expect: '"status":("ok"' is not a valid regex: Unclosed group
            bad-timeout.yaml                    | 4 | subscribe[1].timeout: 'soon' is not a duration
            zero-timeout.yaml                   | 4 | subscribe[1].timeout: must be longer than 0
            capture-without-group.yaml          | 4 | subscribe[0].capture.sid: '"sid":"[^"]+"' has no group ( ) to capture
            capture-used-before-taken.yaml      | 2 | subscribe[0].send: uses {{sid}} before a step captures it
            publish-without-payload.yaml        | 2 | publish: has neither {{payload}} nor {{stamp}}
            payload-outside-publish.yaml        | 4 | on[0].send: uses {{payload}}, which only the publish frame has
            rule-without-match.yaml             | 3 | on[0].match is required
            every-without-interval.yaml         | 3 | every[0].interval is required (e.g. interval: 25s)
            every-too-often.yaml                | 3 | every[0].interval: must be at least 1ms
            unquoted-json-frame.yaml            | 2 | subscribe[0].send: is a mapping (expected a text: quote a JSON frame in single quotes
            placeholder-in-pattern.yaml         | 3 | subscribe[1].expect: uses {{topic}}, but a pattern is the same for every connection
            misspelt-step-key.yaml              | 2 | subscribe[0].sned: unknown key (did you mean 'send'?)
            timeout-on-a-send.yaml              | 3 | subscribe[0].timeout: belongs to an expect step, not a send
            empty-expect.yaml                   | 3 | subscribe[1].expect: is empty
            capture-named-topic.yaml            | 3 | connect[0].capture.topic: {{topic}} is herd's own placeholder
            steps-not-a-list.yaml               | 2 | subscribe: is a mapping (expected a list)
            option-named-client.yaml            | 3 | options.client: {{client}} is herd's own placeholder
            publish-steps-without-send.yaml     | 3 | publish.send is required
            publish-capture-from-subscribe.yaml | 4 | publish: uses {{sid}}, which only subscribe: captures
            not-yaml.yaml                       | 2 | not valid YAML
            binary-on-an-expect.yaml            | 3 | subscribe[0].binary: belongs to a send step
            """)
    void badScriptIsOneLineWithFileLineAndField(String name, int line, String expected) throws Exception {
        Path file = resource(name);
        CliRun run = broadcast(file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        String message = run.err();
        assertThat(message.lines().count()).as("one line: %s", message).isEqualTo(1);
        assertThat(message).startsWith("herd: " + file + ":" + line + ": ").contains(expected);
        assertThat(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anOptionTheScriptDoesNotDeclareIsNamed() throws Exception {
        Path file = Path.of("..", "examples", "protocols", "phoenix.yaml");
        CliRun run = broadcast(file.toString(), "--protocol-option", "chanel=room:x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("herd: protocol (--protocol-option): protocol option 'chanel' is not an "
                + "option of script " + file + " (its options: channel, event)" + System.lineSeparator());
    }

    private static CliRun broadcast(String protocol, String... more) {
        String[] args = {"broadcast", "--url", "ws://127.0.0.1:9/socket", "--protocol", protocol, "--subscribers", "1",
                "--duration", "1s", "--rate", "1"};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Paths.get(BadScriptFilesTest.class.getResource("/scripts/bad/" + name).toURI());
    }
}
