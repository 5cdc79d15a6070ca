package dev.herd.broker;

import dev.herd.broker.pubsub.BrokerConfig;
import dev.herd.broker.pubsub.BrokerCounters;
import dev.herd.broker.pubsub.TopicRegistry;
import dev.herd.broker.connection.CloseCause;
import dev.herd.broker.connection.ConnectionKind;
import dev.herd.broker.connection.ConnectionRegistry;
import dev.herd.broker.connection.ListeningSocket;
import dev.herd.broker.fault.DropFault;
import dev.herd.broker.fault.MessageDropFault;
import dev.herd.broker.fault.RestartFault;
import dev.herd.broker.fault.StallFault;
import dev.herd.broker.http.AdminHandler;
import dev.herd.broker.http.PublishHandler;
import dev.herd.broker.http.RequestRouter;
import dev.herd.broker.http.StatsHandler;
import dev.herd.broker.sse.SseSubscribeHandler;
import dev.herd.broker.ws.WsSubscribeHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * herd's reference target: a running pub/sub broker (see {@code docs/target.md} for its HTTP API).
 *
 * <pre>{@code
 * try (TargetServer server = TargetServer.start(TargetConfig.builder().port(0).build())) {
 *     URI ws = URI.create("ws://127.0.0.1:" + server.localAddress().getPort() + "/ws/news");
 *     ...
 *     TargetStats stats = server.stats();
 * }
 * }</pre>
 *
 * <p>The blocking methods ({@link #start}, {@link #restart}, {@link #close}) are for {@code main} and tests;
 * they throw {@link IllegalStateException} when called on one of the target's own event loops.
 */
public final class TargetServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TargetServer.class);
    private static final long AWAIT_SECONDS = 10;

    private final TargetConfig config;
    private final TargetTransport transport;
    private final EventLoopGroup group;
    private final ConnectionRegistry connections;
    private final BrokerCounters counters;
    private final TopicRegistry topics;
    private final ListeningSocket listener;
    private final RestartFault restartFault;
    private final DropFault dropFault;
    private final StallFault stallFault;
    private final MessageDropFault messageDropFault;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean closed = new AtomicBoolean();

    private TargetServer(TargetConfig config, TargetTransport transport, EventLoopGroup group) {
        this.config = config;
        this.transport = transport;
        this.group = group;
        this.connections = new ConnectionRegistry(config.maxConnections());
        this.counters = new BrokerCounters();
        BrokerConfig brokerConfig = new BrokerConfig(config.slowPolicy(), config.maxQueueBytes(),
                config.slowTimeout(), config.delay().toNanos(), config.jitter().toNanos(), config.replaySize(),
                config.echo());
        this.topics = new TopicRegistry(group, brokerConfig, counters, ByteBufAllocator.DEFAULT);

        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true) // rebind at once after a restart
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark()));
        if (config.reusePort()) {
            if (!transport.name().equals("epoll")) {
                throw new IllegalStateException("reuse-port needs the native epoll transport, which is not available");
            }
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        this.listener = new ListeningSocket(bootstrap, new InetSocketAddress(config.bind(), config.port()));
        this.restartFault = new RestartFault(listener, connections, group);
        this.dropFault = new DropFault(connections);
        this.stallFault = new StallFault(topics.gate(), connections);
        this.messageDropFault = new MessageDropFault(topics);

        RequestRouter.Endpoints endpoints = new RequestRouter.Endpoints(
                new WsSubscribeHandler(topics, connections, config.maxFrameBytes()),
                new SseSubscribeHandler(topics, connections, counters, config.sseRetry(), config.sseHeartbeat()),
                new PublishHandler(topics),
                new StatsHandler(() -> stats().toJson()),
                new AdminHandler(restartFault, dropFault, stallFault, messageDropFault));
        SslContext tls = config.tls() ? TargetTls.serverContext(config) : null;
        bootstrap.childHandler(new TargetInitializer(connections, config.maxPublishBytes(), endpoints, tls));
    }

    /**
     * Starts a target and returns once it listens. Throws {@link IllegalStateException} when it cannot listen
     * (address in use, unknown address).
     */
    public static TargetServer start(TargetConfig config) {
        TargetTransport transport = TargetTransport.select();
        EventLoopGroup group = transport.newEventLoopGroup(config.threads());
        TargetServer server;
        try {
            server = new TargetServer(config, transport, group);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(AWAIT_SECONDS, TimeUnit.SECONDS);
            throw e;
        }
        Future<InetSocketAddress> bound = server.listener.bind();
        if (!bound.awaitUninterruptibly(AWAIT_SECONDS, TimeUnit.SECONDS) || !bound.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(AWAIT_SECONDS, TimeUnit.SECONDS);
            Throwable cause = bound.cause();
            throw new IllegalStateException("cannot listen on " + config.bind() + ":" + config.port() + ": "
                    + (cause == null ? "timed out" : cause.getMessage()), cause);
        }
        log.info("listening on {} ({}{}, {} event loops, slow policy {})", server.localAddress(), transport.name(),
                config.tls() ? ", TLS with " + config.tlsProvider().resolve().key()
                        + (config.tlsClientAuth() == TargetClientAuth.NONE ? ""
                        : ", client certificates " + config.tlsClientAuth().key()) : "",
                config.threads(), config.slowPolicy().jsonName());
        return server;
    }

    /** The address listened on; the actual port when the config asked for port 0. */
    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    public TargetConfig config() {
        return config;
    }

    /** {@code epoll} or {@code nio}. */
    public String transportName() {
        return transport.name();
    }

    /** The counters now; the same figures as {@code GET /stats}. */
    public TargetStats stats() {
        TargetStats.Connections connectionStats = new TargetStats.Connections(
                new TargetStats.Open(connections.open(ConnectionKind.WS), connections.open(ConnectionKind.SSE),
                        connections.open(ConnectionKind.HTTP)),
                connections.accepted(), connections.refused(),
                new TargetStats.Closed(connections.closed(CloseCause.CLIENT), connections.closed(CloseCause.RESTART),
                        connections.closed(CloseCause.DROP_FAULT), connections.closed(CloseCause.SLOW_DISCONNECT),
                        connections.closed(CloseCause.QUEUE_OVERFLOW), connections.closed(CloseCause.PROTOCOL_ERROR),
                        connections.closed(CloseCause.ERROR)));
        TargetStats.Messages messages = new TargetStats.Messages(
                counters.in(), counters.deliveries(), counters.deliveriesCompressed(), counters.dropped(),
                counters.replayed());
        return new TargetStats(connectionStats, messages, connections.subscriberBytesQueued(), topics.topicCount(),
                config.slowPolicy(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /**
     * Same as {@code POST /admin/restart?down=}: returns once the target stopped listening and closed every
     * connection; it listens again {@code down} after the call. Throws {@link IllegalStateException} while a
     * restart is under way.
     */
    public void restart(Duration down) {
        checkNotOnEventLoop();
        await(restartFault.restart(down), "restart");
    }

    /** Same as {@code POST /admin/drop?fraction=}: resets that fraction of subscriber connections; returns how many. */
    public int dropConnections(double fraction) {
        return dropFault.drop(fraction);
    }

    /** Same as {@code POST /admin/stall?for=}. */
    public void stall(Duration duration) {
        stallFault.stall(duration);
    }

    /**
     * Same as {@code POST /admin/drop-messages}: the chosen subscriber's {@code host:port}, or empty when the
     * topic has no subscriber.
     */
    public Optional<String> dropMessages(String topic, int count) {
        checkNotOnEventLoop();
        return await(messageDropFault.dropNext(topic, count), "drop-messages");
    }

    /** Stops listening, closes every connection, releases topic state and shuts the event loops down. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        checkNotOnEventLoop();
        if (listener.isListening()) {
            listener.unbind().awaitUninterruptibly(AWAIT_SECONDS, TimeUnit.SECONDS);
        }
        for (Channel channel : connections.channels()) {
            channel.close().awaitUninterruptibly(AWAIT_SECONDS, TimeUnit.SECONDS);
        }
        // Replay buffers and delayed messages hold pooled buffers: release them while the loops still run.
        await(topics.dispose(), "release topics");
        group.shutdownGracefully(0, AWAIT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(AWAIT_SECONDS + 1, TimeUnit.SECONDS);
        log.info("closed");
    }

    private void checkNotOnEventLoop() {
        for (EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                throw new IllegalStateException("blocking TargetServer call on one of its own event loops");
            }
        }
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(AWAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not finish within " + AWAIT_SECONDS + " s", e);
        }
    }
}
