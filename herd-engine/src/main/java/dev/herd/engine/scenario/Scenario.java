package dev.herd.engine.scenario;

import dev.herd.api.ScenarioBuilder;
import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.ClientPlaceholders;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.secret.RedactionPolicy;
import dev.herd.engine.secret.Redactor;
import dev.herd.engine.transport.Transport;
import java.util.List;

/**
 * A scenario: the target, the clients, what is published, and the timeline of stages.
 *
 * <pre>{@code
 * Scenario s = new Scenario("broadcast", TargetUrl.parse("ws://127.0.0.1:8080/ws/{topic}"), null,
 *         100, 2, "topic-", ClientOptions.defaults(), MessageSpec.defaults(),
 *         List.of(new Stage.Connect(Duration.ofSeconds(1), false, 0),
 *                 new Stage.Publish(200, Duration.ofSeconds(3), Duration.ofSeconds(2))), 2);
 * }</pre>
 *
 * @param name the scenario's name (summary.json {@code scenario})
 * @param url the subscribe URL template
 * @param publishUrl where to publish: a ws URL (publisher connections) or an http URL (POST); null to
 *                   publish over WebSocket on {@code url} itself
 * @param subscribers how many subscriber clients
 * @param topics how many topics; subscribers are spread evenly over them
 * @param topicPrefix topic names are this prefix followed by the topic's index
 * @param client client behaviour (headers, TLS, reconnect policy…)
 * @param message what the publisher sends
 * @param stages the timeline
 * @param eventLoops how many event loops (threads) carry the clients
 * @param topicFirst the run-wide number of this scenario's topic 0 (its name is the prefix and that number)
 * @param topicStride how far apart the run-wide numbers of consecutive topics are: a process of a run split over
 *                    {@code N} processes by whole topics takes topics {@code first, first + N, …} ({@code 1} when
 *                    the process has every topic)
 * @param redaction what the run's results and console never show as given ({@link #redactor()})
 * @param slice this process's share of a run split over processes, as summary.json's {@code slice} gives it
 *              ({@code "2/8"}), or null for a whole run
 * @param transport the socket transport the clients use (falls back when it does not load: {@link Transport#select})
 */
public record Scenario(String name, TargetUrl url, TargetUrl publishUrl, int subscribers, int topics,
                       String topicPrefix, ClientOptions client, MessageSpec message, List<Stage> stages,
                       int eventLoops, int topicFirst, int topicStride, RedactionPolicy redaction, String slice,
                       Transport transport) {

    /** A scenario that has every topic of its run. */
    public Scenario(String name, TargetUrl url, TargetUrl publishUrl, int subscribers, int topics, String topicPrefix,
                    ClientOptions client, MessageSpec message, List<Stage> stages, int eventLoops) {
        this(name, url, publishUrl, subscribers, topics, topicPrefix, client, message, stages, eventLoops, 0, 1);
    }

    /** A scenario with the default redaction: what looks like a credential, and every header value. */
    public Scenario(String name, TargetUrl url, TargetUrl publishUrl, int subscribers, int topics, String topicPrefix,
                    ClientOptions client, MessageSpec message, List<Stage> stages, int eventLoops, int topicFirst,
                    int topicStride) {
        this(name, url, publishUrl, subscribers, topics, topicPrefix, client, message, stages, eventLoops, topicFirst,
                topicStride, RedactionPolicy.DEFAULT, null, ScenarioBuilder.DEFAULT_TRANSPORT);
    }

    public Scenario {
        stages = List.copyOf(stages);
        java.util.Objects.requireNonNull(redaction, "redaction");
        java.util.Objects.requireNonNull(transport, "transport");
        if (subscribers < 0) {
            throw new IllegalArgumentException("subscribers must not be negative");
        }
        if (topics < 1) {
            throw new IllegalArgumentException("topics must be at least 1");
        }
        if (eventLoops < 1) {
            throw new IllegalArgumentException("event loops must be at least 1");
        }
        if (topicFirst < 0 || topicStride < 1) {
            throw new IllegalArgumentException("topic numbering must start at 0 or above and step by 1 or more");
        }
        boolean publishes = stages.stream().anyMatch(s -> s instanceof Stage.Publish || s instanceof PublishingStage);
        if (publishes && publishUrl == null && !url.isWebSocket()) {
            throw new IllegalArgumentException(
                    "SSE is one-way: give a publish URL (e.g. http://host/pub/{topic}) to publish to an SSE target");
        }
        boolean websocket = url.isWebSocket() || (publishUrl != null && publishUrl.isWebSocket());
        if (client.protocol().subscribes() && !websocket) {
            throw new IllegalArgumentException("protocol " + client.protocol().name()
                    + " is spoken over WebSocket: give a ws:// or wss:// URL (SSE has no protocol but its own)");
        }
        if (publishes && client.protocol().subscribes() && !client.protocol().publishes()
                && (publishUrl == null || publishUrl.isWebSocket())) {
            throw new IllegalArgumentException("protocol " + client.protocol().name() + " does not publish over its "
                    + "WebSocket: give an http:// publish URL (e.g. a GraphQL endpoint taking a mutation, with the body "
                    + "as the payload template)");
        }
        ClientPlaceholders.checkUrl("the URL", url.template(), client.feeder());
        if (publishUrl != null) {
            ClientPlaceholders.checkUrl("the publish URL", publishUrl.template(), client.feeder());
        }
        if (client.feeder() != null) {
            client.feeder().checkCovers(subscribers);
        }
    }

    /**
     * What masks this run's secrets wherever herd writes: the URLs' user-info and credential-like query values, every
     * header value the policy does not show, and the policy's own secret values.
     */
    public Redactor redactor() {
        Redactor r = Redactor.of(redaction).withUrl(url.template()).withHeaders(client.headers())
                .withValues(client.protocol().secretValues());
        if (client.feeder() != null) {
            r = r.withValues(client.feeder().secretValues());
        }
        return publishUrl == null ? r : r.withUrl(publishUrl.template());
    }

    /** Like a record's, with the URLs and header values masked: a scenario may be logged. */
    @Override
    public String toString() {
        Redactor r = redactor();
        return "Scenario[name=" + name + ", url=" + r.url(url.template()) + ", publishUrl="
                + (publishUrl == null ? null : r.url(publishUrl.template())) + ", subscribers=" + subscribers
                + ", topics=" + topics + ", client=" + client + ", stages=" + stages + "]";
    }

    /** The URL messages are published to. */
    public TargetUrl effectivePublishUrl() {
        return publishUrl != null ? publishUrl : url;
    }

    /** The name of topic {@code index} (0 to {@code topics - 1}): the prefix and the topic's run-wide number. */
    public String topicName(int index) {
        return topicPrefix + (topicFirst + (long) index * topicStride);
    }
}
