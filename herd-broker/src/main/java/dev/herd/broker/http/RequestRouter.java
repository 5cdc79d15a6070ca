package dev.herd.broker.http;

import dev.herd.broker.pubsub.TopicName;
import dev.herd.broker.connection.CloseCause;
import dev.herd.broker.connection.ConnectionRegistry;
import dev.herd.broker.sse.SseSubscribeHandler;
import dev.herd.broker.ws.WsSubscribeHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * Routes each request of a connection to its endpoint, and keeps the connection's responses in request
 * order ({@link PipelinedResponses}). One instance per connection.
 *
 * <pre>
 * GET  /ws/{topic}     WebSocket subscribe          GET  /stats          counters
 * GET  /sse/{topic}    SSE subscribe                POST /admin/...      faults
 * POST /pub/{topic}    publish
 * </pre>
 * Query strings are ignored except by the admin endpoints. An invalid topic name is 404, like an unknown path.
 */
public final class RequestRouter extends ChannelInboundHandlerAdapter {

    private final Endpoints endpoints;
    private PipelinedResponses responses;

    /** The handlers behind the routes, shared by every connection. */
    public record Endpoints(WsSubscribeHandler ws, SseSubscribeHandler sse, PublishHandler publish,
                            StatsHandler stats, AdminHandler admin) {
    }

    public RequestRouter(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        responses = new PipelinedResponses(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request) {
            try {
                route(ctx, request);
            } finally {
                request.release();
            }
        } else if (msg instanceof RequestTooLargeEvent) {
            Exchange exchange = responses.begin(RequestTooLargeEvent.HEAD_ONLY, null);
            exchange.respondAndClose(HttpReplies.text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "request body larger than maxPublishBytes"));
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof RequestTooLargeEvent) {
            channelRead(ctx, evt);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        responses.discard();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ConnectionRegistry.closeAfter(ctx.channel(), cause);
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            ConnectionRegistry.markCause(ctx.channel(), CloseCause.PROTOCOL_ERROR);
            responses.begin(request, null).respondAndClose(
                    HttpReplies.text(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"));
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        // Only a WebSocket upgrade is refused off /ws/: other tokens (java.net.http's h2c) are ignored as
        // RFC 9110 §7.8 allows, and the request is answered in HTTP/1.1.
        boolean upgrade = request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
        if (path.startsWith("/ws/")) {
            String topic = path.substring(4);
            if (!TopicName.isValid(topic)) {
                responses.begin(request, null).respond(HttpReplies.notFound(path));
                return;
            }
            // Subscriptions start only when no earlier response is owed: the connection is handed over then.
            HttpRequest head = headOf(request);
            responses.begin(request, exchange -> endpoints.ws().subscribe(ctx, head, topic, exchange));
        } else if (path.startsWith("/sse/")) {
            String topic = path.substring(5);
            if (plainChecks(request, path, topic, HttpMethod.GET, upgrade) == null) {
                HttpRequest head = headOf(request);
                responses.begin(request, exchange -> endpoints.sse().subscribe(ctx, head, topic, exchange));
            }
        } else if (path.startsWith("/pub/")) {
            String topic = path.substring(5);
            if (plainChecks(request, path, topic, HttpMethod.POST, upgrade) == null) {
                endpoints.publish().publish(request, topic, responses.begin(request, null));
            }
        } else if (path.equals("/stats")) {
            if (plainChecks(request, path, "stats", HttpMethod.GET, upgrade) == null) {
                endpoints.stats().respond(responses.begin(request, null));
            }
        } else if (path.startsWith("/admin/")) {
            Exchange exchange = responses.begin(request, null);
            if (upgrade) {
                exchange.respond(HttpReplies.text(HttpResponseStatus.BAD_REQUEST, "no upgrade here"));
            } else {
                endpoints.admin().handle(request, path.substring(7), exchange);
            }
        } else {
            responses.begin(request, null).respond(HttpReplies.notFound(path));
        }
    }

    /**
     * Topic, method and upgrade checks shared by the plain endpoints; returns the answered exchange when a
     * check failed, null when the request may proceed.
     */
    private Exchange plainChecks(FullHttpRequest request, String path, String topic, HttpMethod allowed,
                                 boolean upgrade) {
        if (!TopicName.isValid(topic)) {
            Exchange exchange = responses.begin(request, null);
            exchange.respond(HttpReplies.notFound(path));
            return exchange;
        }
        if (!allowed.equals(request.method())) {
            Exchange exchange = responses.begin(request, null);
            exchange.respond(HttpReplies.methodNotAllowed(allowed, request.method()));
            return exchange;
        }
        if (upgrade) {
            Exchange exchange = responses.begin(request, null);
            exchange.respond(HttpReplies.text(HttpResponseStatus.BAD_REQUEST,
                    "Upgrade is only accepted on /ws/{topic}"));
            return exchange;
        }
        return null;
    }

    /** The request without its body, safe to keep after the request is released. */
    private static HttpRequest headOf(FullHttpRequest request) {
        return new DefaultHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                request.headers().copy());
    }
}
