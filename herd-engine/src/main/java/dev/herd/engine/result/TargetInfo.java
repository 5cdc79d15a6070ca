package dev.herd.engine.result;

/**
 * What was tested.
 *
 * @param url the subscribe URL template
 * @param protocol {@code websocket} or {@code sse}
 * @param publishUrl where messages were published (a ws URL, or an http URL for POST); null when none
 */
public record TargetInfo(String url, String protocol, String publishUrl) {
}
