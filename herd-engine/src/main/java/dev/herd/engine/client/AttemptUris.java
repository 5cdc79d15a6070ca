package dev.herd.engine.client;

import dev.herd.engine.protocol.Placeholders;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * The URI each connection attempt of a run asks for. A URL template that names only what a whole topic shares
 * ({@code {topic}}, {@code {topic_index}}, {@code {run}}, or nothing) gives every client of a topic the same URI: it
 * is made once per topic, and the 19,000 attempts of a connect storm neither expand nor parse it again (URI parsing
 * was 4.5% of the JIT compiler's time in an idle hold against nchan, docs/benchmarks.md). A template naming the
 * client or a feeder column is expanded and parsed at each attempt. Nothing is kept per connection either way.
 *
 * <pre>{@code
 * URI uri = ctx.attemptUris().of(url, topicIndex, session::placeholderValue);
 * }</pre>
 */
public final class AttemptUris {

    private static final Set<String> TOPIC_WIDE = Set.of(Placeholders.TOPIC, Placeholders.TOPIC_INDEX,
            Placeholders.RUN);
    /** Stands for a template whose URI differs from client to client. */
    private static final AtomicReferenceArray<URI> PER_ATTEMPT = new AtomicReferenceArray<>(0);

    private final int topics;
    /** By template: the URI of each topic (slot 0 for a session of no topic), made on first use. */
    private final ConcurrentHashMap<String, AtomicReferenceArray<URI>> byTemplate = new ConcurrentHashMap<>();

    /** {@code topics}: how many topics the run has. */
    AttemptUris(int topics) {
        this.topics = topics;
    }

    /**
     * The URI for an attempt of a session on topic {@code topicIndex} (-1: none) of {@code url}; {@code values} fills
     * the session's placeholders. Any thread.
     */
    public URI of(TargetUrl url, int topicIndex, Function<String, String> values) {
        String template = url.template();
        AtomicReferenceArray<URI> perTopic = byTemplate.get(template);
        if (perTopic == null) {
            perTopic = byTemplate.computeIfAbsent(template, t -> ClientPlaceholders.namesOnly(t, TOPIC_WIDE)
                    ? new AtomicReferenceArray<>(topics + 1) : PER_ATTEMPT);
        }
        int slot = topicIndex + 1;
        if (perTopic == PER_ATTEMPT || slot < 0 || slot >= perTopic.length()) {
            return URI.create(ClientPlaceholders.expand(template, values));
        }
        URI uri = perTopic.get(slot);
        if (uri == null) {
            // Two loops may both make it: the same URI either way.
            uri = URI.create(ClientPlaceholders.expand(template, values));
            perTopic.set(slot, uri);
        }
        return uri;
    }
}
