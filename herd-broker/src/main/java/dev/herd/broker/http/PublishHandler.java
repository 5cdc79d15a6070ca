package dev.herd.broker.http;

import dev.herd.broker.pubsub.TopicRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * {@code POST /pub/{topic}}: publishes the body and answers {@code 202 {"id":<sequence number>}} once the
 * topic's owner assigned it. A body sent as {@code application/octet-stream}, or that is not valid UTF-8,
 * reaches WebSocket subscribers as a binary frame; anything else as a text frame.
 */
public final class PublishHandler {

    private final TopicRegistry topics;

    public PublishHandler(TopicRegistry topics) {
        this.topics = topics;
    }

    void publish(FullHttpRequest request, String topic, Exchange exchange) {
        ByteBuf body = request.content();
        CharSequence mime = HttpUtil.getMimeType(request);
        boolean binary = (mime != null && HttpHeaderValues.APPLICATION_OCTET_STREAM.contentEqualsIgnoreCase(mime))
                || !Utf8Validator.isValid(body);
        topics.publish(topic, body.retain(), binary, null,
                seq -> exchange.respond(HttpReplies.json(HttpResponseStatus.ACCEPTED, "{\"id\":" + seq + "}")));
    }
}
