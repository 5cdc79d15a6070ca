package dev.herd.engine.result;

/**
 * What was tested.
 *
 * @param url the subscribe URL template
 * @param protocol {@code websocket} or {@code sse}
 * @param publishUrl where messages were published (a ws URL, or an http URL for POST); null when none
 * @param wireProtocol what the WebSockets spoke once upgraded ({@code raw}, {@code socketio}, {@code stomp}, …)
 */
public record TargetInfo(String url, String protocol, String publishUrl, String wireProtocol) {
}
