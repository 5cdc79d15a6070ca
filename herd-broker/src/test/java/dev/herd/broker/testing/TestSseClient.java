package dev.herd.broker.testing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An SSE test client on Netty: sends {@code GET}, records the response head, parses the stream with
 * {@link SseStreamParser} and notes whether the response ended properly (terminating chunk) and when the
 * connection closed. Every wait is bounded.
 *
 * <pre>{@code
 * try (TestSseClient sse = TestSseClient.connect(target.sseUri("news"), Map.of("Last-Event-ID", "3"))) {
 *     SseStreamParser.Event event = sse.next(Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class TestSseClient implements AutoCloseable {

    private final Channel channel;
    private final HttpResponse head;
    private final BlockingQueue<SseStreamParser.Event> events;
    private final List<String> comments;
    private final SseStreamParser parser;
    private final CompletableFuture<Void> ended;
    private final CompletableFuture<Throwable> error;

    private TestSseClient(Channel channel, HttpResponse head, BlockingQueue<SseStreamParser.Event> events,
                          List<String> comments, SseStreamParser parser, CompletableFuture<Void> ended,
                          CompletableFuture<Throwable> error) {
        this.channel = channel;
        this.head = head;
        this.events = events;
        this.comments = comments;
        this.parser = parser;
        this.ended = ended;
        this.error = error;
    }

    public static TestSseClient connect(URI uri) {
        return connect(uri, Map.of(), 0);
    }

    public static TestSseClient connect(URI uri, Map<String, String> headers) {
        return connect(uri, headers, 0);
    }

    /**
     * Sends the request and waits for the response head (any status).
     *
     * @param receiveBufferBytes  a small socket receive buffer for stalled-reader tests; 0 keeps the default
     */
    public static TestSseClient connect(URI uri, Map<String, String> headers, int receiveBufferBytes) {
        BlockingQueue<SseStreamParser.Event> events = new LinkedBlockingQueue<>();
        List<String> comments = new CopyOnWriteArrayList<>();
        SseStreamParser parser = new SseStreamParser(events::add, comments::add);
        CompletableFuture<HttpResponse> head = new CompletableFuture<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        Channel channel = ClientLoops.bootstrap(receiveBufferBytes).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new SimpleChannelInboundHandler<HttpObject>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                        if (msg instanceof HttpResponse response) {
                            head.complete(response);
                        }
                        if (msg instanceof HttpContent content) {
                            ByteBuf bytes = content.content();
                            parser.feed(bytes);
                        }
                        if (msg instanceof LastHttpContent last && last.decoderResult().isSuccess()) {
                            ended.complete(null);
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        error.complete(cause);
                        head.completeExceptionally(cause);
                        ctx.close();
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                        head.completeExceptionally(new IllegalStateException("closed before the response head"));
                        super.channelInactive(ctx);
                    }
                });
            }
        }).connect(uri.getHost(), uri.getPort()).syncUninterruptibly().channel();
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri.getRawPath());
        request.headers().set(HttpHeaderNames.HOST, uri.getHost() + ":" + uri.getPort())
                .set(HttpHeaderNames.ACCEPT, "text/event-stream");
        headers.forEach(request.headers()::set);
        channel.writeAndFlush(request);
        try {
            return new TestSseClient(channel, head.get(10, TimeUnit.SECONDS), events, comments, parser, ended, error);
        } catch (Exception e) {
            channel.close();
            throw new IllegalStateException("SSE request to " + uri + " failed: " + e, e);
        }
    }

    public int status() {
        return head.status().code();
    }

    public HttpHeaders headers() {
        return head.headers();
    }

    /** The next event, or an {@link AssertionError} after {@code timeout}. */
    public SseStreamParser.Event next(Duration timeout) {
        try {
            SseStreamParser.Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no SSE event within " + timeout);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next {@code count} events, each within {@code timeout}. */
    public List<SseStreamParser.Event> next(int count, Duration timeout) {
        List<SseStreamParser.Event> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(next(timeout));
        }
        return result;
    }

    /** Waits up to {@code timeout} for an event; null when none came. */
    public SseStreamParser.Event poll(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The {@code retry:} value received, or -1. */
    public long retryMillis() {
        return parser.retryMillis();
    }

    /** Comment lines received (heartbeats), without the colon. */
    public List<String> comments() {
        return comments;
    }

    /** Whether the response ended properly (the terminating chunk) within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) {
        try {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public boolean awaitClosed(Duration timeout) {
        return channel.closeFuture().awaitUninterruptibly(timeout.toMillis());
    }

    public Throwable error() {
        return error.getNow(null);
    }

    public void pauseReading() {
        channel.config().setAutoRead(false);
    }

    public void resumeReading() {
        channel.config().setAutoRead(true);
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
