package dev.herd.engine.result;

/**
 * herd's own publisher connections, counted apart from the clients under test.
 *
 * @param protocol {@code websocket} or {@code http}
 * @param url the publish URL template
 * @param connections publisher connections the run used
 * @param connects times they reached open
 * @param connectFailures attempts that failed
 * @param disconnects open publisher connections that were lost
 */
public record PublisherCounts(String protocol, String url, int connections, long connects, long connectFailures,
                              long disconnects) {
}
