package dev.herd.engine.result;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The check that makes a run in which messages were published but no subscriber received one a failed run
 * (DESIGN.md: exit 3), with one line naming the likely cause from what the run counted. A run whose process only
 * published, or only subscribed to what another process published, is not judged here: it cannot know.
 *
 * <pre>{@code
 * NothingReceived.diagnose(result).ifPresent(cause -> { print(cause); exit(3); });
 * }</pre>
 */
public final class NothingReceived {

    private NothingReceived() {
    }

    /** The likely cause when {@code r} published messages and its subscribers received none; empty otherwise. */
    public static Optional<String> diagnose(RunResult r) {
        MessageCounts m = r.messages();
        if (!"both".equals(r.role()) || m.published() == 0 || m.received() > 0 || r.interrupted()) {
            return Optional.empty();
        }
        ConnectionCounts c = r.connections();
        if (c.attempted() == 0) {
            return Optional.empty(); // no subscriber in this run: nothing was to be received
        }
        String wire = r.target().wireProtocol();
        boolean raw = wire == null || wire.equals("raw");
        String prefix = m.published() + " messages published and none received: ";
        if (c.established() == 0) {
            if (c.subscriptions() != null && c.subscriptions().notAcknowledged() > 0) {
                return Optional.of(prefix + "the target acknowledged no subscription (" + wire + "; "
                        + topReason(c.failedByReason()) + "): check the protocol's options (destination, topic, "
                        + "credentials)");
            }
            return Optional.of(prefix + "no subscriber connection opened (" + topReason(c.failedByReason()) + ")");
        }
        if (m.otherRunStamps() + m.foreignTopicStamps() + m.beforeJoinStamps() > 0) {
            return Optional.of(prefix + "subscribers saw only stamps of other runs or topics ("
                    + (m.otherRunStamps() + m.foreignTopicStamps() + m.beforeJoinStamps())
                    + "): the target delivers another topic's messages or replays old ones");
        }
        if (m.malformedStamps() > 0) {
            return Optional.of(prefix + "subscribers saw " + m.malformedStamps() + " broken stamps: the target changes "
                    + "payloads (escaping, truncation); see --template");
        }
        if (m.unstamped() > 0) {
            return Optional.of(prefix + "subscribers received " + m.unstamped() + " messages without herd's stamp: "
                    + (raw ? "the server may need a subscribe handshake (--protocol socketio, stomp, mqtt, graphql-ws or "
                    + "a script) or rewrite what it relays" : "the server sends its own messages but not what was "
                    + "published: check where publishers send (--publish-url, the protocol's publish options)"));
        }
        if (raw) {
            return Optional.of(prefix + "subscribers received nothing at all: the server may need a subscribe handshake "
                    + "(--protocol socketio, stomp, mqtt, graphql-ws or a script file) or take the topic elsewhere "
                    + "than the URL");
        }
        return Optional.of(prefix + "subscriptions were acknowledged (" + wire + ") but nothing arrived: check that "
                + "publishers reach the same topics (--publish-url, the protocol's destination or topic options)");
    }

    private static String topReason(Map<String, Long> byReason) {
        return byReason.entrySet().stream().max(Comparator.comparingLong(Map.Entry::getValue))
                .map(e -> "mostly " + e.getKey() + ", " + e.getValue() + " times").orElse("no failure counted");
    }
}
