package dev.herd.broker.testing;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket test client on Netty: records every message, the close frame it gets, and the error that ended
 * the connection. Every wait is bounded.
 *
 * <pre>{@code
 * try (TestWsClient ws = TestWsClient.connect(target.wsUri("news"))) {
 *     assertThat(ws.next(Duration.ofSeconds(10)).text()).isEqualTo("hello");
 * }
 * }</pre>
 */
public final class TestWsClient implements AutoCloseable {

    private static final int MAX_MESSAGE_BYTES = 64 << 20;

    /** A received text or binary message. */
    public record Message(boolean binary, byte[] bytes, long receivedNanos) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final Channel channel;
    private final BlockingQueue<Message> messages;
    private final CompletableFuture<Integer> closeFrame;
    private final CompletableFuture<Throwable> error;
    private final String extensions;

    private TestWsClient(Channel channel, BlockingQueue<Message> messages, CompletableFuture<Integer> closeFrame,
                         CompletableFuture<Throwable> error, String extensions) {
        this.channel = channel;
        this.messages = messages;
        this.closeFrame = closeFrame;
        this.error = error;
        this.extensions = extensions;
    }

    /** Connects and completes the handshake, or throws. */
    public static TestWsClient connect(URI uri) {
        return connect(uri, 0);
    }

    /** Connects with a small socket receive buffer ({@code receiveBufferBytes}; 0 keeps the default). */
    public static TestWsClient connect(URI uri, int receiveBufferBytes) {
        return connect(uri, receiveBufferBytes, false);
    }

    /**
     * Connects offering permessage-deflate as Netty's client does ({@code WebSocketClientCompressionHandler}):
     * when the server accepts, messages both ways are compressed and {@link #extensions()} says what it answered.
     */
    public static TestWsClient connectOfferingDeflate(URI uri) {
        return connect(uri, 0, true);
    }

    private static TestWsClient connect(URI uri, int receiveBufferBytes, boolean offerDeflate) {
        BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closeFrame = new CompletableFuture<>();
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        CompletableFuture<Void> handshake = new CompletableFuture<>();
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .customHeaders(new DefaultHttpHeaders())
                .maxFramePayloadLength(MAX_MESSAGE_BYTES)
                .handleCloseFrames(false)
                .handshakeTimeoutMillis(10_000)
                .allowExtensions(offerDeflate)
                .build();
        CompletableFuture<String> extensions = new CompletableFuture<>();
        Channel channel = ClientLoops.bootstrap(receiveBufferBytes).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                // The 101 passes here first: note what the server answered, before any handler
                                // acts on it.
                                if (msg instanceof FullHttpResponse response) {
                                    String answered = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
                                    extensions.complete(answered == null ? "" : answered);
                                    ctx.pipeline().remove(this);
                                }
                                ctx.fireChannelRead(msg);
                            }
                        });
                if (offerDeflate) {
                    ch.pipeline().addLast(new WebSocketClientCompressionHandler(MAX_MESSAGE_BYTES));
                }
                ch.pipeline().addLast(
                        new WebSocketClientProtocolHandler(config),
                        new WebSocketFrameAggregator(MAX_MESSAGE_BYTES),
                        new SimpleChannelInboundHandler<WebSocketFrame>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                                if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                                    messages.add(new Message(frame instanceof BinaryWebSocketFrame,
                                            ByteBufUtil.getBytes(frame.content()), System.nanoTime()));
                                } else if (frame instanceof CloseWebSocketFrame close) {
                                    closeFrame.complete(close.statusCode());
                                }
                            }

                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                                if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                                    handshake.complete(null);
                                }
                                super.userEventTriggered(ctx, evt);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                error.complete(cause);
                                handshake.completeExceptionally(cause);
                                ctx.close();
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                                handshake.completeExceptionally(new IllegalStateException("closed before handshake"));
                                super.channelInactive(ctx);
                            }
                        });
            }
        }).connect(uri.getHost(), uri.getPort()).syncUninterruptibly().channel();
        try {
            handshake.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            channel.close();
            throw new IllegalStateException("WebSocket handshake with " + uri + " failed: " + e, e);
        }
        return new TestWsClient(channel, messages, closeFrame, error, extensions.getNow(""));
    }

    /** The {@code Sec-WebSocket-Extensions} the server answered in its 101, or empty for none. */
    public String extensions() {
        return extensions;
    }

    /** The next message, or an {@link AssertionError} after {@code timeout}. */
    public Message next(Duration timeout) {
        try {
            Message message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no WebSocket message within " + timeout);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next {@code count} messages, each within {@code timeout}. */
    public List<Message> next(int count, Duration timeout) {
        List<Message> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(next(timeout));
        }
        return result;
    }

    /** The messages received so far and not yet taken. */
    public List<Message> drain() {
        List<Message> result = new ArrayList<>();
        messages.drainTo(result);
        return result;
    }

    /** Waits up to {@code timeout} for a message; null when none came (to show that nothing arrives). */
    public Message poll(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void sendText(String text) {
        send(new TextWebSocketFrame(text));
    }

    public void sendBinary(byte[] bytes) {
        send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    /** Sends any frame, fragments and malformed content included. */
    public void send(WebSocketFrame frame) {
        channel.writeAndFlush(frame).syncUninterruptibly();
    }

    /** The status code of the server's close frame, or an {@link AssertionError} when none came in time. */
    public int awaitCloseCode(Duration timeout) {
        try {
            return closeFrame.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no close frame within " + timeout + " (error: " + error.getNow(null) + ")", e);
        }
    }

    /** Whether a close frame was received. */
    public boolean receivedCloseFrame() {
        return closeFrame.isDone();
    }

    /** Waits until the TCP connection is closed; false on timeout. */
    public boolean awaitClosed(Duration timeout) {
        return channel.closeFuture().awaitUninterruptibly(timeout.toMillis());
    }

    /** The exception that hit the connection (e.g. a reset), or null. */
    public Throwable error() {
        return error.getNow(null);
    }

    /** Stops reading from the socket: the server's writes back up into its buffers. */
    public void pauseReading() {
        channel.config().setAutoRead(false);
    }

    public void resumeReading() {
        channel.config().setAutoRead(true);
    }

    /** The client's local port: how the target's {@code drop-messages} fault names it. */
    public int localPort() {
        return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
