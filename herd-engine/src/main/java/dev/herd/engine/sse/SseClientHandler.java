package dev.herd.engine.sse;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.SessionHandler;
import dev.herd.engine.receive.StampReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an SSE client's pipeline: checks the response (200, {@code text/event-stream}),
 * feeds body chunks to the {@link SseEventParser} as they arrive, and hands each event's data to the
 * {@link StampReceiver}. A 204 means "stop reconnecting" (WHATWG); other statuses count as failures.
 */
final class SseClientHandler extends SessionHandler implements SseEventListener {

    private final SseEventParser parser;
    private final StampReceiver receiver;
    private boolean streaming;

    SseClientHandler(ClientSession session, SseEventParser parser, StampReceiver receiver) {
        super(session);
        this.parser = parser;
        this.receiver = receiver;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                onResponse(ctx, response);
            }
            if (msg instanceof HttpContent content && streaming) {
                ByteBuf bytes = content.content();
                if (bytes.isReadable()) {
                    parser.parse(bytes, this);
                }
                if (msg instanceof LastHttpContent) {
                    // The server ended the stream: a close by the server, reconnect by the policy.
                    streaming = false;
                    ctx.close();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponse(ChannelHandlerContext ctx, HttpResponse response) {
        int status = response.status().code();
        if (status != HttpResponseStatus.OK.code()) {
            session.rejected(status, status != HttpResponseStatus.NO_CONTENT.code());
            return;
        }
        String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")) {
            session.handshakeFailed(new IllegalStateException("SSE response has Content-Type " + type));
            return;
        }
        streaming = true;
        session.opened();
    }

    @Override
    public void onEvent(ByteBuf data, ByteBuf eventType) {
        if (receiver != null) {
            session.messageArrived();
            receiver.onMessage(data);
        }
    }

    @Override
    public void onRetry(long millis) {
        session.minReconnectDelayMillis(millis);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        streaming = false;
        super.channelInactive(ctx);
    }
}
