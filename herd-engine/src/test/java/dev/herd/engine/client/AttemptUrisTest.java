package dev.herd.engine.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AttemptUrisTest {

    private final AttemptUris uris = new AttemptUris(2);

    @Test
    void clientsOfOneTopicShareTheTopicsUriWhenTheTemplateNamesOnlyTheTopicAndTheRun() {
        TargetUrl url = TargetUrl.parse("ws://127.0.0.1:1/ws/{topic}?i={topic_index}&run={run}");
        URI first = uris.of(url, 1, client(7, 1));
        URI second = uris.of(url, 1, client(8, 1));

        assertThat(first).hasToString("ws://127.0.0.1:1/ws/topic-1?i=1&run=00c0ffee");
        assertThat(second).isSameAs(first);
        assertThat(uris.of(url, 0, client(7, 0))).hasToString("ws://127.0.0.1:1/ws/topic-0?i=0&run=00c0ffee");
    }

    @Test
    void aTemplateNamingTheClientOrAFeederColumnIsMadeForEachAttempt() {
        TargetUrl url = TargetUrl.parse("ws://127.0.0.1:1/ws/{topic}?client={client}&token={token}");

        assertThat(uris.of(url, 1, client(7, 1))).hasToString("ws://127.0.0.1:1/ws/topic-1?client=7&token=t-7");
        assertThat(uris.of(url, 1, client(8, 1))).hasToString("ws://127.0.0.1:1/ws/topic-1?client=8&token=t-8");
    }

    @Test
    void sessionsOfNoTopicShareOneUriToo() {
        TargetUrl plain = TargetUrl.parse("ws://127.0.0.1:1/ws?run={run}");

        assertThat(uris.of(plain, -1, client(1, -1))).hasToString("ws://127.0.0.1:1/ws?run=00c0ffee")
                .isSameAs(uris.of(plain, -1, client(2, -1)));
    }

    /** The placeholder values of client {@code client} on topic {@code topic} (-1: none), as a session gives them. */
    private static Function<String, String> client(int client, int topic) {
        return name -> switch (name) {
            case "topic" -> topic < 0 ? null : "topic-" + topic;
            case "topic_index" -> topic < 0 ? null : Integer.toString(topic);
            case "client" -> Integer.toString(client);
            case "run" -> "00c0ffee";
            default -> Map.of("token", "t-" + client).get(name);
        };
    }
}
