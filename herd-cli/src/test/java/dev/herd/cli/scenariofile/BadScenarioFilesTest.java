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
            unknown-top-key.yaml                      | 3 | durration: unknown key (did you mean 'duration'?)
            misspelt-target-key.yaml                  | 2 | target.urll: unknown key (did you mean 'url'?)
            missing-target.yaml                       | 1 | target is required
            missing-url.yaml                          | 2 | target.url is required
            bad-url-scheme.yaml                       | 2 | target.url: 'ftp://127.0.0.1/ws' must start with ws://, wss://, http:// or https://
            subscribers-not-number.yaml               | 4 | clients.subscribers: 'many' is not a whole number
            negative-subscribers.yaml                 | 4 | clients.subscribers: -5 is too small (expected at least 0)
            zero-topics.yaml                          | 4 | clients.topics: 0 is too small (expected at least 1)
            bad-duration.yaml                         | 3 | duration: 'ten seconds' is not a duration
            bad-rate.yaml                             | 4 | publish.rate: -3 must be greater than 0
            bad-size.yaml                             | 4 | publish.size: '12 parsecs' is not a byte size
            bad-bool.yaml                             | 3 | target.insecure: 'maybe' is not true or false
            bad-policy.yaml                           | 5 | clients.reconnect.policy: 'sometimes' is not one of none, immediate, exponential
            bad-arrival.yaml                          | 4 | clients.arrival: 'bursty' is not one of even, poisson
            unknown-scenario.yaml                     | 1 | scenario: 'brodcast' is not one of
            not-yaml.yaml                             | 3 | not valid YAML
            unset-variable.yaml                       | 2 | ${PORT} is not set
            template-without-stamp.yaml               | 4 | publish.template: the payload template must contain {{stamp}} exactly once
            unknown-stage.yaml                        | 5 | stages[1]: unknown stage 'sleep'
            duplicate-key.yaml                        | 3 | 'url' appears twice
            target-is-list.yaml                       | 2 | target: is a list (expected a mapping of key: value)
            empty.yaml                                | 1 | the file is empty
            headers-not-map.yaml                      | 3 | target.headers: is a value (expected a mapping of key: value)
            bad-threshold.yaml                        | 5 | thresholds[1]: threshold 'latncy.p95 < 5ms': unknown figure 'latncy.p95' (did you mean 'latency.p95'?)
            bad-threshold-option.yaml                 | 5 | thresholds[0].abort_on_fial: unknown key (did you mean 'abort_on_fail'?)
            bad-receive-budget.yaml                   | 4 | clients.receive_budget: 'plenty' is not a byte size
            zero-max-message-bytes.yaml               | 4 | clients.max_message_bytes: must be at least 1 byte
            negative-max-message-bytes.yaml           | 4 | clients.max_message_bytes: '-1KiB' is not a byte size
            size-above-max-message-bytes.yaml         | 6 | publish.size: 2048 bytes is larger than clients.max_message_bytes (1024)
            max-message-bytes-below-default-size.yaml | 4 | clients.max_message_bytes: 100 bytes is smaller than a message (128 bytes; publish.size)
            topics-without-placeholder.yaml           | 4 | clients.topics: 4 topics need a {topic} placeholder in target.url
            sse-without-publish-url.yaml              | 2 | target.url: SSE is one-way: publishing to an SSE target needs target.publish_url
            bad-port.yaml                             | 2 | target.url: port 99999 is out of range (expected 1-65535)
            bad-header-name.yaml                      | 4 | target.headers.Bad Name: 'Bad Name' is not a header name
            redact-not-a-list.yaml                    | 3 | target.redact: is a mapping (expected a list of values)
            show-header-not-a-value.yaml              | 5 | target.show_headers[1]: is a mapping (expected a value)
            missing-trust-cert.yaml                   | 3 | target.trust_cert: /no-such-dir/no-such.pem does not exist or cannot be read
            trust-store-password-alone.yaml           | 3 | target.trust_store_password: is the password of a trust_cert truststore, but trust_cert is not set
            tls-misspelt-key.yaml                     | 4 | target.tls.resmue: unknown key (did you mean 'resume'?)
            tls-bad-provider.yaml                     | 4 | target.tls.provider: 'boringssl' is not one of auto, openssl, jdk
            tls-bad-version.yaml                      | 5 | target.tls.versions: tls versions (--tls-versions): 'SSLv3' is not a version herd offers (TLSv1.3, TLSv1.2)
            tls-missing-client-cert.yaml              | 4 | target.tls.client_cert: client_cert (--client-cert, --client-key): /no-such-dir/client.pem does not exist or cannot be read
            tls-key-without-cert.yaml                 | 5 | target.tls.client_key: client_key (--client-key) needs client_cert (--client-cert)
            tls-bad-resume.yaml                       | 4 | target.tls.resume: 'sometimes' is not true or false
            zero-connect-timeout.yaml                 | 3 | target.connect_timeout: must be longer than 0
            zero-reconnect-base.yaml                  | 6 | clients.reconnect.base: must be longer than 0
            negative-reconnect-cap.yaml               | 6 | clients.reconnect.cap: '-1s' is not a duration
            reconnect-cap-below-base.yaml             | 7 | clients.reconnect.cap: '1s' is shorter than the base (5s)
            bad-source-address.yaml                   | 4 | clients.source_addresses: '127.0.0.300': '127.0.0.300' is not an IPv4 address
            empty-default-variable.yaml               | 4 | clients.subscribers: is nothing (expected a value)
            bad-stage-duration.yaml                   | 7 | stages[1].publish.duration: '5 fortnights' is not a duration
            bad-connect-stage.yaml                    | 4 | stages[0].connect: 'soon' is not a duration
            stage-not-a-mapping.yaml                  | 4 | stages[0]: is a value (expected a mapping of key: value)
            stages-is-mapping.yaml                    | 4 | stages: is a mapping (expected a list)
            publish-stage-without-rate.yaml           | 5 | stages[1].publish: needs a rate (here or in publish.rate)
            thresholds-not-a-list.yaml                | 4 | thresholds.latency.p99: unknown key (expected one of: expression, abort_on_fail, delay_abort_eval)
            bad-threshold-operator.yaml               | 4 | thresholds[0]: threshold 'latency.p99 <> 50ms': unknown operator '<>'
            bad-threshold-unit.yaml                   | 4 | thresholds[0]: threshold 'latency.p99 < 50 parsecs': unexpected 'parsecs'
            slow-fraction-above-one.yaml              | 5 | slow_subscribers.fraction: 1.5 is not between 0 and 1
            slow-zero-fraction.yaml                   | 5 | slow_subscribers.fraction: must be above 0
            slow-zero-receive-buffer.yaml             | 5 | slow_subscribers.receive_buffer: '0' is not 1 B-2 GiB
            slow-zero-stall.yaml                      | 5 | slow_subscribers.stall_for: must be longer than 0
            slow-group-too-large.yaml                 | 6 | slow_subscribers.count: a slow group of 3 leaves a topic without a healthy subscriber
            capacity-zero-step.yaml                   | 5 | capacity.step: 0 is too small (expected at least 1)
            capacity-bad-error-rate.yaml              | 5 | capacity.max_error_rate: 150% is not between 0 and 1
            storm-zero-observe.yaml                   | 5 | reconnect_storm.observe: must be longer than 0
            storm-command-and-client-drop.yaml        | 6 | reconnect_storm.command: a command and disrupt: client-drop exclude each other
            storm-without-reconnect.yaml              | 6 | clients.reconnect.policy: a reconnect storm needs clients that reconnect
            zero-steady-window.yaml                   | 5 | steady.window: must be longer than 0
            sweep-not-increasing.yaml                 | 4 | sweep.subscribers[1]: 10 is not larger than the count before it
            misspelt-clients-key.yaml                 | 4 | clients.subscribrs: unknown key (did you mean 'subscribers'?)
            misspelt-reconnect-key.yaml               | 5 | clients.reconnect.polcy: unknown key (did you mean 'policy'?)
            misspelt-publish-key.yaml                 | 4 | publish.rtae: unknown key (did you mean 'rate'?)
            misspelt-steady-key.yaml                  | 5 | steady.windw: unknown key (did you mean 'window'?)
            misspelt-sweep-key.yaml                   | 4 | sweep.subscriber: unknown key (did you mean 'subscribers'?)
            misspelt-capacity-key.yaml                | 5 | capacity.stpe: unknown key (did you mean 'step'?)
            misspelt-storm-key.yaml                   | 5 | reconnect_storm.obsreve: unknown key (did you mean 'observe'?)
            misspelt-slow-key.yaml                    | 5 | slow_subscribers.stall_fro: unknown key (did you mean 'stall_for'?)
            misspelt-output-key.yaml                  | 4 | output.dri: unknown key (did you mean 'dir'?)
            misspelt-connect-stage-key.yaml           | 4 | stages[0].connect.witin: unknown key (did you mean 'within'?)
            misspelt-publish-stage-key.yaml           | 5 | stages[1].publish.duraton: unknown key (did you mean 'duration'?)
            clients-is-list.yaml                      | 4 | clients: is a list (expected a mapping of key: value)
            publish-is-value.yaml                     | 3 | publish: is a value (expected a mapping of key: value)
            reconnect-is-list.yaml                    | 4 | clients.reconnect: is a list (expected a mapping of key: value)
            output-is-value.yaml                      | 3 | output: is a value (expected a mapping of key: value)
            subscribers-is-list.yaml                  | 4 | clients.subscribers: is a list (expected a value)
            sweep-counts-not-a-list.yaml              | 4 | sweep.subscribers: is a value (expected a list)
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
