package dev.herd.broker.ws;

import dev.herd.broker.pubsub.TopicRegistry;
import dev.herd.broker.connection.CloseCause;
import dev.herd.broker.connection.ConnectionRegistry;
import dev.herd.broker.http.Exchange;
import dev.herd.broker.http.HttpReplies;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /ws/{topic}}: checks the opening handshake and subscribes the connection; the 101 is written when
 * the subscription is activated on the connection's loop (see {@link WsSubscriber}).
 *
 * <p>A malformed handshake (not GET, no {@code Upgrade: websocket}, no key, a version other than 13) gets 400
 * with a one-line reason, plus {@code Sec-WebSocket-Version: 13} when the version was the problem, and the
 * connection is closed ({@code protocol_error}). RFC 6455 §4.4 suggests 426 for a version mismatch; herd's
 * contract is 400 for every malformed upgrade.
 */
public final class WsSubscribeHandler {

    private final TopicRegistry topics;
    private final ConnectionRegistry connections;
    private final int maxFrameBytes;

    public WsSubscribeHandler(TopicRegistry topics, ConnectionRegistry connections, int maxFrameBytes) {
        this.topics = topics;
        this.connections = connections;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Handles the handshake {@code request} (headers only) for {@code topic}, a valid topic name. */
    public void subscribe(ChannelHandlerContext ctx, HttpRequest request, String topic, Exchange exchange) {
        String problem = WsHandshake.problemWith(request);
        if (problem != null) {
            FullHttpResponse response = HttpReplies.text(HttpResponseStatus.BAD_REQUEST, problem);
            if (WsHandshake.isVersionProblem(request)) {
                response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
            }
            ConnectionRegistry.markCause(ctx.channel(), CloseCause.PROTOCOL_ERROR);
            exchange.respondAndClose(response);
            return;
        }
        WsSubscriber subscriber = new WsSubscriber(ctx.channel(), topic, request, exchange, this,
                WsDeflateNegotiation.accept(request));
        topics.subscribe(topic, subscriber, -1);
    }

    TopicRegistry topics() {
        return topics;
    }

    ConnectionRegistry connections() {
        return connections;
    }

    int maxFrameBytes() {
        return maxFrameBytes;
    }
}
