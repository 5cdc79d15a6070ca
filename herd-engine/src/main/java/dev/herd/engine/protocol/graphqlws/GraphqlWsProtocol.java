package dev.herd.engine.protocol.graphqlws;

import dev.herd.engine.protocol.Placeholders;
import dev.herd.engine.protocol.ProtocolOption;
import dev.herd.engine.protocol.ProtocolOptions;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.protocol.ProtocolStage;
import dev.herd.engine.protocol.WireProtocol;
import dev.herd.engine.protocol.json.JsonFrameTemplate;
import dev.herd.engine.protocol.json.JsonOptions;
import dev.herd.engine.protocol.json.JsonStrings;
import dev.herd.engine.secret.SecretNames;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GraphQL subscriptions over the graphql-transport-ws protocol ({@code --protocol graphql-ws}, subprotocol
 * {@code graphql-transport-ws}): {@code connection_init} at once, then, on {@code connection_ack}, one
 * {@code subscribe} of the {@code query} with its {@code variables}; each {@code next} of that subscription goes to
 * the stamp scan and pings are answered. Publishing is by HTTP (a mutation): {@link #publishes()} is false.
 *
 * <pre>{@code
 * WireProtocol gql = WireProtocols.builtIn("graphql-ws",
 *         Map.of("query", "subscription($topic:String!){messages(topic:$topic)}"));
 * }</pre>
 *
 * @see <a href="https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md">the graphql-transport-ws protocol</a>
 */
public final class GraphqlWsProtocol implements WireProtocol {

    public static final String NAME = "graphql-ws";
    public static final String SUBPROTOCOL = "graphql-transport-ws";

    public static final List<ProtocolOption> OPTIONS = List.of(
            new ProtocolOption("query", null, "the subscription to start (required), e.g. "
                    + "subscription($topic:String!){messages(topic:$topic)}"),
            new ProtocolOption("variables", "{\"topic\":\"{{topic}}\"}",
                    "the query's variables, a JSON object (empty: none sent)"),
            new ProtocolOption("connection_payload", null,
                    "the payload of connection_init, a JSON object (a token, as a rule: masked in every output)"));

    /** The id of the one subscription each connection starts. */
    static final String SUBSCRIPTION_ID = "1";

    private final JsonFrameTemplate initFrame;
    private final JsonFrameTemplate subscribeFrame;
    private final byte[] subscriptionId = SUBSCRIPTION_ID.getBytes(StandardCharsets.US_ASCII);
    private final Set<String> secretValues;

    private GraphqlWsProtocol(JsonFrameTemplate initFrame, JsonFrameTemplate subscribeFrame, Set<String> secretValues) {
        this.initFrame = initFrame;
        this.subscribeFrame = subscribeFrame;
        this.secretValues = secretValues;
    }

    /** The protocol with {@code options}; throws {@link IllegalArgumentException} naming a missing or bad option. */
    public static GraphqlWsProtocol of(ProtocolOptions options) {
        String query = options.text("query");
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("protocol option 'query' of " + NAME + " is required: the subscription "
                    + "to start, e.g. query=subscription($topic:String!){messages(topic:$topic)}");
        }
        for (String name : JsonFrameTemplate.parse(query).names()) {
            if (Placeholders.PUBLISH.contains(name)) {
                throw new IllegalArgumentException("protocol option 'query' of " + NAME + " uses {{" + name
                        + "}}, which only a publish frame has");
            }
        }
        String variables = options.text("variables");
        String variablesJson = variables == null || variables.isBlank() ? null
                : JsonOptions.object(options, "variables", "{\"topic\":\"{{topic}}\"}", false).text();
        JsonFrameTemplate payload = options.text("connection_payload") == null ? null
                : JsonOptions.object(options, "connection_payload", "{\"token\":\"…\"}", false);

        // The query is text inside a JSON string: escaped once, here; its placeholders are escaped as written.
        String subscribe = "{\"id\":\"" + SUBSCRIPTION_ID + "\",\"type\":\"subscribe\",\"payload\":{\"query\":\""
                + JsonStrings.escape(query) + "\"" + (variablesJson == null ? "" : ",\"variables\":" + variablesJson)
                + "}}";
        String init = payload == null ? "{\"type\":\"connection_init\"}"
                : "{\"type\":\"connection_init\",\"payload\":" + payload.text() + "}";
        return new GraphqlWsProtocol(JsonFrameTemplate.parse(init), JsonFrameTemplate.parse(subscribe),
                secrets(options.text("connection_payload"), payload));
    }

    /**
     * The connection payload as given, and the values in it under keys that look like credentials ({@code token},
     * {@code Authorization}, …), with a {@code Bearer} scheme's credential alone too.
     */
    private static Set<String> secrets(String given, JsonFrameTemplate payload) {
        Set<String> secrets = new LinkedHashSet<>();
        if (payload == null) {
            return Set.of();
        }
        secrets.add(given);
        secrets.add(payload.text());
        // A placeholder stands for NUL here, so that a value built from one ("Bearer {{token}}") is left out: the
        // feeder's own secret columns cover it.
        collect(payload.shape("\\u0000"), secrets);
        return Set.copyOf(secrets);
    }

    private static void collect(Object node, Set<String> secrets) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (value instanceof String s && !s.isEmpty() && s.indexOf('\0') < 0
                        && (SecretNames.looksSecret((String) key, Set.of())
                        || ((String) key).equalsIgnoreCase("authorization"))) {
                    secrets.add(s);
                    int space = s.indexOf(' ');
                    if (space > 0 && space < s.length() - 1) {
                        secrets.add(s.substring(space + 1));
                    }
                }
                collect(value, secrets);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collect(value, secrets));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> subprotocols() {
        return List.of(SUBPROTOCOL);
    }

    @Override
    public boolean subscribes() {
        return true;
    }

    /** False: graphql-transport-ws has no publish message; herd publishes by HTTP, a mutation. */
    @Override
    public boolean publishes() {
        return false;
    }

    @Override
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>(initFrame.names());
        names.addAll(subscribeFrame.names());
        return names;
    }

    @Override
    public Set<String> secretValues() {
        return secretValues;
    }

    @Override
    public ProtocolStage newStage(ProtocolSession session) {
        return new GraphqlWsStage(session, this);
    }

    /** {@code {"type":"connection_init"[,"payload":…]}}. */
    JsonFrameTemplate initFrame() {
        return initFrame;
    }

    /** {@code {"id":"1","type":"subscribe","payload":{"query":…,"variables":…}}}. */
    JsonFrameTemplate subscribeFrame() {
        return subscribeFrame;
    }

    /** The subscription's id, as the bytes between the quotes of {@code "id"}. */
    byte[] subscriptionId() {
        return subscriptionId;
    }

    /** Shows the frames with the connection payload masked: a protocol may be logged. */
    @Override
    public String toString() {
        return NAME + "[subscribe=" + subscribeFrame + ", connection_payload="
                + (secretValues.isEmpty() ? "none" : "***") + "]";
    }
}
