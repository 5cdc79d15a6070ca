package dev.herd.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.cli.testing.CliRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bad flag, missing argument or contradictory combination of flags gets one line naming the flag, exit code 2,
 * nothing on stdout and no stack trace, before anything connects: {@code URL} stands for a URL on the discard port
 * ({@value #URL}), where nothing listens, so a flag that got through would end in "target unreachable" (exit 3).
 */
class BadFlagsTest {

    private static final String URL = "ws://127.0.0.1:9/ws/{topic}";

    @ParameterizedTest(name = "{0} is rejected naming {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            broadcast --url URL --subscriber 10                                     | --subscriber             | Unknown options
            broadcast --subscribers 10                                              | --url                    | Missing required option
            broadcast --url URL --rate                                              | --rate                   | Missing required parameter
            broadcast --url URL --subscribers many                                  | --subscribers            | 'many' is not an int
            broadcast --url URL --subscribers -5                                    | --subscribers            | must not be negative, not -5
            broadcast --url URL --topics -2                                         | --topics                 | must be at least 1
            broadcast --url URL --rate 0                                            | --rate                   | must be a positive number of messages per second
            broadcast --url URL --receive-budget plenty                             | --receive-budget         | 'plenty' is not a byte size
            broadcast --url URL --max-message-bytes 0                               | --max-message-bytes      | must be at least 1 byte
            broadcast --url URL --max-message-bytes 0 --size 0                      | --max-message-bytes      | must be at least 1 byte
            broadcast --url URL --max-message-bytes -1KiB                           | --max-message-bytes      | '-1KiB' is not a byte size
            broadcast --url URL --size 2KiB --max-message-bytes 1KiB                | --max-message-bytes      | size (--size) 2048 is larger than max_message_bytes
            broadcast --url ws://127.0.0.1:9/ws/lobby --topics 4                    | --url                    | has no {topic} placeholder, so 4 topics would all use the same URL
            broadcast --url http://127.0.0.1:9/sse/{topic}                          | --publish-url            | is required to publish to an SSE target
            broadcast --url ftp://127.0.0.1:9/ws                                    | --url                    | must start with ws://, wss://, http:// or https://
            broadcast --url ws://127.0.0.1:99999/ws/{topic}                         | --url                    | port 99999 is out of range (expected 1-65535)
            broadcast --url URL --reconnect sometimes                               | --reconnect              | expected one of [NONE, IMMEDIATE, EXPONENTIAL]
            broadcast --url URL --reconnect-base 5s --reconnect-cap 1s              | --reconnect-cap          | 1000ms is shorter than base (--reconnect-base) 5000ms
            broadcast --url URL --reconnect-base 0s                                 | --reconnect-base         | must be longer than 0
            broadcast --url URL --reconnect-max-attempts -1                         | --reconnect-max-attempts | must not be negative (0 = no limit)
            broadcast --url URL --connect-timeout 0s                                | --connect-timeout        | must be longer than 0
            broadcast --url URL -H 'Authorization: Bearer s3cr3t'                   | --header                 | should be in KEY=VALUE format but was ***
            broadcast --url URL -H =s3cr3t                                          | -H                       | '' is not a header name
            broadcast --url URL -H 'Bad Name=s3cr3t'                                | -H                       | 'Bad Name' is not a header name
            broadcast --url URL --trust-store-password s3cr3t                       | --trust-store-password   | needs trust_cert (--trust-cert)
            broadcast --url URL --tls-provider boring                               | --tls-provider           | expected one of [AUTO, OPENSSL, JDK]
            broadcast --url URL --tls-versions TLSv1.1                              | --tls-versions           | 'TLSv1.1' is not a version herd offers
            broadcast --url URL --alpn 'h 2'                                        | --alpn                   | is not a protocol name
            broadcast --url URL --sni 'not a name'                                  | --sni                    | is not a host name
            broadcast --url URL --client-key key.pem                                | --client-key             | needs client_cert (--client-cert)
            broadcast --url URL --client-key-password s3cr3t                        | --client-key-password    | needs client_cert (--client-cert)
            broadcast --url wss://127.0.0.1:9/ws/{topic} --client-cert nope.pem     | --client-cert            | nope.pem does not exist or cannot be read
            broadcast --url wss://127.0.0.1:9/ws/{topic} --client-cert 'c{user}.pem' | --client-cert           | uses {user}, which is neither a placeholder herd fills
            broadcast --url URL --sweep subscribers=100,10                          | --sweep                  | counts must be positive and increasing
            broadcast --url URL --publish-connections 0                             | --publish-connections    | must be at least 1
            broadcast --url URL --publish-in-flight 0                               | --publish-in-flight      | must be at least 1
            broadcast --url URL --template 'no stamp here'                          | --template               | must contain {{stamp}} exactly once
            broadcast --url URL --run-id xyz                                        | --run-id                 | 'xyz' is not a run id
            steady --url URL --duration 'ten seconds'                               | --duration               | 'ten seconds' is not a duration
            steady --url URL --window 0s                                            | --window                 | must be longer than 0
            steady --url URL --threshold 'latency.p99 <> 50ms'                      | --threshold              | unknown operator '<>'
            steady --url URL --output xml                                           | --output                 | expected one of [HUMAN, JSONL]
            connect-storm --url URL --workers 0                                     | --workers                | must be at least 1, not 0
            connect-storm --url URL --source-address 127.0.0.300                    | --source-address         | '127.0.0.300' is not an IPv4 address
            connect-storm --url URL --clients -5                                    | --clients                | must not be negative, not -5
            connect-storm --url URL --loops 0                                       | --loops                  | must be at least 1, not 0
            connect-storm --url URL --transport kqueue                              | --transport              | expected one of [EPOLL, IO_URING, NIO]
            connect-storm --url URL --max-handshakes -1                             | --max-handshakes         | must not be negative (0 = no cap), not -1
            reconnect-storm --url URL --reconnect none                              | --reconnect              | a reconnect storm needs clients that reconnect
            reconnect-storm --url URL --observe 0s                                  | --observe                | must be longer than 0
            slow-subscriber --url URL --slow-fraction 2                             | --slow-fraction          | must be above 0 and at most 1, not 2.0
            slow-subscriber --url URL --slow-count 0                                | --slow-count             | must be at least 1, not 0
            slow-subscriber --url URL --slow-receive-buffer 0                       | --slow-receive-buffer    | must be 1 B-2 GiB, was 0
            slow-subscriber --url URL --stall-for 0s                                | --stall-for              | must be longer than 0
            capacity --url URL --step 0                                             | --step                   | must be at least 1
            capacity --url URL --limit 0                                            | --limit                  | must be at least 1
            capacity --url URL --ramp continuous --ramp-rate 0                      | --ramp-rate              | must be at least 1
            capacity --url URL --step-every 0s                                      | --step-every             | must be longer than 0
            capacity --url URL --max-handshake-p99 0s                               | --max-handshake-p99      | must be longer than 0
            capacity --url URL --max-error-rate 150%                                | --max-error-rate         | '150%' is not a fraction between 0 and 1
            capacity --url URL --ramp sideways                                      | --ramp                   | expected one of [STEPS, CONTINUOUS]
            run                                                                     | FILE                     | Missing required parameter
            run no-such.yaml                                                        | no-such.yaml             | no-such.yaml:1: does not exist
            run no-such.yaml -e PORT                                                | --env                    | should be in KEY=VALUE format but was PORT
            run no-such.yaml --threshold 'latency.p99 < fast'                       | --threshold              | right-hand side 'fast' is not a number
            merge --out merged                                                      | DIR                      | Missing required parameter
            merge no-such-results                                                   | --out                    | Missing required option
            merge no-such-results --out merged --threshold 'latncy.p99 < 5ms'       | --threshold              | unknown figure 'latncy.p99' (did you mean 'latency.p99'?)
            report                                                                  | DIR                      | Missing required parameter
            report no-such-results                                                  | no-such-results          | not a directory
            report no-such-results extra                                            | extra                    | Unmatched argument
            compare no-such-results                                                 | NEW                      | Missing required parameter
            compare no-such-results other --fail-on-regression ten                  | --fail-on-regression     | 'ten' is not a percentage
            target --threads 0                                                      | --threads                | must be 1-1024, was 0
            target --port 70000                                                     | --port                   | must be 0-65535, was 70000
            target --slow-policy                                                    | --slow-policy            | Missing required parameter
            target --jitter -1s                                                     | --jitter                 | '-1s' is not a duration
            target --tls-client-auth require                                        | --tls-client-auth        | is require, but --tls-keystore is not set
            target --tls-client-ca ca.pem                                           | --tls-client-ca          | is set, but --tls-keystore is not
            target --tls-versions 1.0                                               | --tls-versions           | '1.0' is not a version the target serves
            target --tls-provider boring                                            | --tls-provider           | expected one of [AUTO, OPENSSL, JDK]
            target --write-buffer-high 1KiB                                         | --write-buffer-high      | --write-buffer-low must be at most --write-buffer-high
            demo --frobnicate                                                       | --frobnicate             | Unknown option
            frobnicate                                                              | frobnicate               | Unmatched argument
            """)
    void badFlagIsOneLineNamingTheFlag(String commandLine, String flag, String expected) {
        CliRun run = CliRun.of(arguments(commandLine));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        String message = run.err();
        assertThat(message.lines().count()).as("one line: %s", message).isEqualTo(1);
        assertThat(message).startsWith("herd: ").contains(flag).contains(expected);
        assertThat(message).doesNotContain("Exception").doesNotContain("\tat ");
        // Every header value and password above holds s3cr3t: the console shows them as ***, even in an error.
        assertThat(message).doesNotContain("s3cr3t");
        assertThat(run.out()).isEmpty();
    }

    /** The command line's arguments: split at spaces, except inside single quotes; {@code URL} is {@link #URL}. */
    private static String[] arguments(String commandLine) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        boolean quoted = false;
        for (char c : (commandLine + " ").toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (!arg.isEmpty()) {
                    args.add(arg.toString().equals("URL") ? URL : arg.toString());
                    arg.setLength(0);
                }
            } else {
                arg.append(c);
            }
        }
        return args.toArray(String[]::new);
    }
}
