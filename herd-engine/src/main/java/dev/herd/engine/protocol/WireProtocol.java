package dev.herd.engine.protocol;

import dev.herd.engine.client.TargetUrl;
import java.util.List;
import java.util.Set;

/**
 * A protocol herd speaks over each WebSocket of a run ({@code --protocol}): what it offers in the upgrade, how it
 * changes the URL, and the pipeline stage that speaks it on one connection. Immutable and shared by every connection;
 * the stage it makes holds one connection's state.
 *
 * <pre>{@code
 * WireProtocol stomp = WireProtocols.builtIn("stomp", Map.of("destination", "/topic/{{topic}}"));
 * pipeline.addLast("protocol", stomp.newStage(session));   // after the WebSocket handler, once upgraded
 * }</pre>
 */
public interface WireProtocol {

    /** Its name, as {@code --protocol} and summary.json's {@code target.wire_protocol} give it. */
    String name();

    /** The subprotocols offered in the upgrade ({@code Sec-WebSocket-Protocol}), none when empty. */
    List<String> subprotocols();

    /**
     * True when connections speak this protocol once upgraded: a subscriber subscribes (and opens only once the target
     * acknowledges it), a publisher's payloads are wrapped in the protocol's publish frames. False for {@code raw}
     * alone, whose topic is in the URL and whose payloads are the frames.
     */
    boolean subscribes();

    /**
     * True when publisher connections can publish through it (MQTT PUBLISH, STOMP SEND, …); false for a protocol whose
     * servers take publishes elsewhere (graphql-ws: an HTTP mutation), which then needs a publish URL.
     */
    default boolean publishes() {
        return true;
    }

    /** The URL to connect to for {@code given}: unchanged, or completed as the protocol's servers expect it. */
    default TargetUrl url(TargetUrl given) {
        return given;
    }

    /**
     * The placeholders its frames use ({@code {{name}}}), besides those it defines itself (a script's captures):
     * checked against what a run can fill before anything connects.
     */
    Set<String> placeholders();

    /**
     * The placeholders among {@link #placeholders()} whose values its frames put in a line of text (STOMP's headers): a
     * value holding a line break or NUL would break the frame, so herd refuses a feeder column that holds one before
     * anything connects. None by default.
     */
    default Set<String> headerPlaceholders() {
        return Set.of();
    }

    /**
     * Values of its options that are secrets (a password, a token): never written to results or the console. For an
     * option written as a template, its literal parts: the values of its placeholders are masked as the feeder's
     * secret columns.
     */
    default Set<String> secretValues() {
        return Set.of();
    }

    /**
     * The pipeline stage that speaks this protocol on one connection (see {@link ProtocolStage}); only called when
     * {@link #subscribes()}.
     */
    ProtocolStage newStage(ProtocolSession session);
}
