package dev.herd.broker.testing;

import dev.herd.broker.TargetTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server on an ephemeral loopback port that breaks the WebSocket, HTTP or SSE rules in one chosen way, for tests
 * of how herd copes with targets that misbehave. It reads each request head, then lets its {@link Misbehaviour} answer.
 *
 * <pre>{@code
 * try (MisbehavingServer server = MisbehavingServer.start(Misbehaviour.MASKED_FRAME)) {
 *     run herd against server.wsUrl() ...
 * }
 * }</pre>
 *
 * <p>Whatever streams without end is still bounded: by {@link #STREAM_LIMIT_BYTES} per connection and by the time
 * the client stays connected.
 */
public final class MisbehavingServer implements AutoCloseable {

    /** The most one connection is sent by an endless behaviour (an endless line, a flood). */
    public static final long STREAM_LIMIT_BYTES = 2L << 30;
    /** The longest request head read before the server gives up on a connection. */
    private static final int MAX_REQUEST_HEAD_BYTES = 16 * 1024;

    private final EventLoopGroup group;
    private final Channel listener;
    private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();

    private MisbehavingServer(Misbehaviour behaviour) {
        TargetTransport transport = TargetTransport.select();
        group = transport.newEventLoopGroup(1);
        listener = new ServerBootstrap().group(group).channel(transport.serverChannelClass())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.incrementAndGet();
                        ch.pipeline().addLast(new RequestHeadReader(behaviour));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    public static MisbehavingServer start(Misbehaviour behaviour) {
        return new MisbehavingServer(behaviour);
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** A WebSocket URL of this server, with a {@code {topic}} placeholder. */
    public String wsUrl() {
        return "ws://127.0.0.1:" + port() + "/ws/{topic}";
    }

    /** An SSE URL of this server, with a {@code {topic}} placeholder. */
    public String sseUrl() {
        return "http://127.0.0.1:" + port() + "/sse/{topic}";
    }

    /** TCP connections accepted so far. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Bytes written to clients so far, over all connections. */
    public long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        // Closed here, not left to the loop's shutdown, which does not reliably close its channels.
        children.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    void countSent(long bytes) {
        bytesSent.addAndGet(bytes);
    }

    /** Collects the request head, then hands the connection to the behaviour; later input is discarded. */
    private final class RequestHeadReader extends ChannelInboundHandlerAdapter {
        private final Misbehaviour behaviour;
        private final StringBuilder head = new StringBuilder();
        private boolean answered;

        RequestHeadReader(Misbehaviour behaviour) {
            this.behaviour = behaviour;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            children.add(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (answered || !(msg instanceof ByteBuf bytes)) {
                    return;
                }
                head.append(bytes.toString(StandardCharsets.ISO_8859_1));
                int end = head.indexOf("\r\n\r\n");
                if (end >= 0) {
                    answered = true;
                    behaviour.answer(new MisbehavingConnection(ctx.channel(), RequestHead.parse(head.substring(0, end)),
                            MisbehavingServer.this));
                } else if (head.length() > MAX_REQUEST_HEAD_BYTES) {
                    ctx.close();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            MisbehavingConnection.resumeIfStreaming(ctx.channel());
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the client reset or went away: expected here
        }
    }
}
