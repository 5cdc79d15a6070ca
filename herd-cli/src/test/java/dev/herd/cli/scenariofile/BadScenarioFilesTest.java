package dev.herd.cli.scenariofile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.cli.testing.CliRun;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bad scenario file gets one line naming the file, the line and the field and what was expected,
 * exit code 2, and no stack trace.
 */
class BadScenarioFilesTest {

    @ParameterizedTest(name = "{0} is rejected with \"{2}\"")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-top-key.yaml          | 3 | durration: unknown key (did you mean 'duration'?)
            misspelt-target-key.yaml      | 2 | target.urll: unknown key (did you mean 'url'?)
            missing-target.yaml           | 1 | target is required
            missing-url.yaml              | 2 | target.url is required
            bad-url-scheme.yaml           | 2 | target.url: 'ftp://127.0.0.1/ws' must start with ws://, wss://, http:// or https://
            subscribers-not-number.yaml   | 4 | clients.subscribers: 'many' is not a whole number
            negative-subscribers.yaml     | 4 | clients.subscribers: -5 is too small (expected at least 0)
            zero-topics.yaml              | 4 | clients.topics: 0 is too small (expected at least 1)
            bad-duration.yaml             | 3 | duration: 'ten seconds' is not a duration
            bad-rate.yaml                 | 4 | publish.rate: -3 must be greater than 0
            bad-size.yaml                 | 4 | publish.size: '12 parsecs' is not a byte size
            bad-bool.yaml                 | 3 | target.insecure: 'maybe' is not true or false
            bad-policy.yaml               | 5 | clients.reconnect.policy: 'sometimes' is not one of none, immediate, exponential
            bad-arrival.yaml              | 4 | clients.arrival: 'bursty' is not one of even, poisson
            unknown-scenario.yaml         | 1 | scenario: 'brodcast' is not one of
            not-yaml.yaml                 | 3 | not valid YAML
            unset-variable.yaml           | 2 | ${PORT} is not set
            template-without-stamp.yaml   | 4 | publish.template: the payload template must contain {{stamp}} exactly once
            unknown-stage.yaml            | 5 | stages[1]: unknown stage 'sleep'
            duplicate-key.yaml            | 3 | 'url' appears twice
            target-is-list.yaml           | 2 | target: is a list (expected a mapping of key: value)
            empty.yaml                    | 1 | the file is empty
            headers-not-map.yaml          | 3 | target.headers: is a value (expected a mapping of key: value)
            bad-threshold.yaml            | 5 | thresholds[1]: threshold 'latncy.p95 < 5ms': unknown figure 'latncy.p95' (did you mean 'latency.p95'?)
            bad-threshold-option.yaml     | 5 | thresholds[0].abort_on_fial: unknown key (did you mean 'abort_on_fail'?)
            value-with-a-line-break.yaml  | 3 | duration: 'ten\\nseconds' is not a duration
            key-with-a-line-break.yaml    | 3 | dura\\ntion: unknown key (did you mean 'duration'?)
            nul-in-output-dir.yaml        | 4 | output.dir: 'results/\\u0000run' is not a path (Nul character not allowed)
            nul-in-trust-cert.yaml        | 3 | target.trust_cert: 'certs/\\u0000target.pem' is not a path
            """)
    void badFileIsOneLineWithFileLineAndField(String name, int line, String expected) throws Exception {
        Path file = resource(name);
        CliRun run = CliRun.of("run", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        String message = run.err();
        assertThat(message.lines().count()).as("one line: %s", message).isEqualTo(1);
        assertThat(message).startsWith("herd: " + file + ":" + line + ": ").contains(expected);
        assertThat(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Paths.get(BadScenarioFilesTest.class.getResource("/scenarios/bad/" + name).toURI());
    }
}
