package dev.herd.engine.sse;

import dev.herd.engine.client.ClientContext;
import dev.herd.engine.client.ClientPlaceholders;
import dev.herd.engine.client.ClientRole;
import dev.herd.engine.client.ClientSession;
import dev.herd.engine.client.ResponseLimits;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.receive.StampReceiver;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/**
 * A Server-Sent Events subscriber: {@code GET} with {@code Accept: text/event-stream}, events parsed as the
 * bytes stream in, {@code Last-Event-ID} sent on reconnect and the server's {@code retry:} honoured.
 */
public final class SseSession extends ClientSession {

    private final StampReceiver receiver;
    private final SseEventParser parser;

    public SseSession(ClientContext ctx, int index, ClientRole role, int topicIndex, TargetUrl url, EventLoop loop,
                      StampReceiver receiver) {
        super(ctx, index, role, topicIndex, url, loop);
        this.receiver = receiver;
        // The parser outlives connections: it keeps the last event id for the reconnect's Last-Event-ID.
        this.parser = new SseEventParser(PooledByteBufAllocator.DEFAULT, ctx.options().maxFrameBytes(),
                ctx.receiveBudget().share());
    }

    @Override
    protected void initProtocolPipeline(ChannelPipeline p) {
        p.addLast("http", new HttpClientCodec(ResponseLimits.MAX_STATUS_LINE_BYTES, ResponseLimits.MAX_HEADER_BYTES,
                64 * 1024));
        p.addLast("sse", new SseClientHandler(this, parser, receiver));
    }

    @Override
    protected void sendHandshake(Channel channel) {
        parser.reset();
        // Looked up per attempt rather than kept: an idle connection holds as little as possible.
        String requestTarget = TargetUrl.requestTarget(ctx.attemptUris().of(url, topicIndex(), this::placeholderValue));
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, requestTarget);
        request.headers()
                .set(HttpHeaderNames.HOST, url.hostHeader())
                .set(HttpHeaderNames.ACCEPT, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set(HttpHeaderNames.CONTENT_LENGTH, 0);
        for (Map.Entry<String, String> h : ctx.options().headers().entrySet()) {
            request.headers().set(h.getKey(), ClientPlaceholders.expand(h.getValue(), this::placeholderValue));
        }
        String lastEventId = parser.lastEventId();
        if (lastEventId != null) {
            request.headers().set("Last-Event-ID", lastEventId);
        }
        channel.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                errorCaught(f.cause());
            }
        });
    }

    @Override
    protected void closeGracefully(Channel channel) {
        channel.close();
    }

    @Override
    protected void connectionEnded() {
        // A partly received event of a connection that is gone will never end; what it holds goes back now.
        parser.dropPartial();
    }

    /** Releases the parser's buffers; call on the session's loop after it stopped. */
    public void release() {
        parser.close();
    }

    public StampReceiver receiver() {
        return receiver;
    }
}
