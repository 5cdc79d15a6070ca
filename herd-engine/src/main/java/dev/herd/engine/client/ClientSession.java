package dev.herd.engine.client;

import dev.herd.engine.connect.ConnectPhase;
import dev.herd.engine.connect.FailureClassifier;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.metrics.LoopMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived connection herd keeps to the target, across reconnects: resolves, connects, times each
 * phase, classifies failures and reconnects by the policy. All of its state lives on one event loop;
 * protocol handlers ({@code Ws…}, {@code Sse…}) call back into it on that loop.
 *
 * <pre>{@code
 * ClientSession s = new WsSession(ctx, index, ClientRole.SUBSCRIBER, topic, url, loop, receiver);
 * s.start();   // from any thread
 * s.stop();    // graceful close, no reconnect
 * }</pre>
 */
public abstract class ClientSession {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final java.util.concurrent.atomic.AtomicBoolean UNRECOGNISED_LOGGED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Where a session is in its life. */
    public enum State { NEW, CONNECTING, OPEN, WAITING, STOPPED }

    protected final ClientContext ctx;
    protected final int index;
    protected final ClientRole role;
    protected final int topicIndex;
    protected final TargetUrl url;
    protected final EventLoop loop;
    protected final LoopMetrics metrics;
    private final ConnectPhaseTimer timer = new ConnectPhaseTimer();

    private State state = State.NEW;
    private Channel channel;
    private int attemptsSinceOpen;
    private volatile boolean everOpened;
    private volatile boolean started;
    private volatile boolean gaveUp;
    private long lostAtNanos = -1;
    private long openedAtNanos;
    private boolean firstMessageSeen;
    private Throwable lastError;
    private boolean stoppedWhileOpen;
    /** The target sent a WebSocket close frame on the current connection. */
    private boolean closeFrameReceived;
    private boolean abortive;
    private long minReconnectDelayNanos;
    private ScheduledFuture<?> timeoutTask;
    private ScheduledFuture<?> reconnectTask;
    private SplittableRandom random;
    private int receiveBufferBytes;
    private RecvByteBufAllocator recvByteBufAllocator;

    protected ClientSession(ClientContext ctx, int index, ClientRole role, int topicIndex, TargetUrl url,
                            EventLoop loop) {
        this.ctx = ctx;
        this.index = index;
        this.role = role;
        this.topicIndex = topicIndex;
        this.url = url;
        this.loop = loop;
        this.metrics = ctx.metrics().forLoop(loop);
    }

    /** Adds the protocol's handlers after TLS (if any); the last handler calls back into this session. */
    protected abstract void initProtocolPipeline(ChannelPipeline pipeline);

    /** Sends the upgrade or subscribe request once the transport (TCP, TLS) is ready. */
    protected abstract void sendHandshake(Channel channel);

    /** Closes an open connection politely (WebSocket close frame, or just close for SSE). */
    protected abstract void closeGracefully(Channel channel);

    /** Sets the socket receive buffer for this session's connections (0 = the system's); before {@link #start()}. */
    public final void receiveBufferBytes(int bytes) {
        this.receiveBufferBytes = bytes;
    }

    /**
     * Sets how this session's connections size their socket reads (null = Netty's default); before {@link #start()}.
     * A channel creates its read handle at its first read, so this is the only way to change read sizes later on.
     */
    public final void recvByteBufAllocator(RecvByteBufAllocator allocator) {
        this.recvByteBufAllocator = allocator;
    }

    /** Runs {@code action} on the session's loop with its channel, if a connection is open then. Any thread. */
    public final void withOpenChannel(java.util.function.Consumer<Channel> action) {
        loop.execute(() -> {
            if (state == State.OPEN && channel != null) {
                action.accept(channel);
            }
        });
    }

    /** Starts connecting, from any thread (at once when called on the session's loop). */
    public final void start() {
        started = true;
        if (loop.inEventLoop()) {
            if (state == State.NEW) {
                attempt();
            }
        } else {
            loop.execute(this::start);
        }
    }

    /** Closes for good, from any thread: no reconnect follows. */
    public final void stop() {
        loop.execute(() -> {
            if (state == State.STOPPED) {
                return;
            }
            State was = state;
            state = State.STOPPED;
            cancelTimers();
            if (channel != null && channel.isActive()) {
                if (was == State.OPEN) {
                    stoppedWhileOpen = true;
                    closeGracefully(channel);
                } else {
                    channel.close();
                }
            }
        });
    }

    /**
     * Closes for good and at once, from any thread: no close handshake, no reconnect. For the end of a run, when a
     * graceful {@link #stop()} could not finish (a target that no longer reads never takes the close frame).
     */
    public final void forceClose() {
        loop.execute(() -> {
            if (state != State.STOPPED) {
                stoppedWhileOpen = state == State.OPEN;
                state = State.STOPPED;
                cancelTimers();
            }
            if (channel != null) {
                channel.close();
            }
        });
    }

    /**
     * Resets the connection abruptly from herd's side (TCP RST, no close frame), then reconnects by the
     * policy as if the target had dropped it: the client-side mass drop of the reconnect storm.
     */
    public final void dropAbruptly() {
        loop.execute(() -> {
            if (state != State.OPEN || channel == null) {
                return;
            }
            abortive = true;
            try {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (RuntimeException ignored) {
                // best effort: a plain close still drops the connection
            }
            channel.close();
        });
    }

    /** Publishers are herd's own plumbing: their connections are counted apart and not timed as clients. */
    private boolean measured() {
        return role == ClientRole.SUBSCRIBER;
    }

    private void count(CounterId id) {
        if (measured()) {
            metrics.increment(id);
        }
    }

    private void time(HistogramId id, long nanos) {
        if (measured()) {
            metrics.recordNanos(id, nanos);
        }
    }

    private void attempt() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.CONNECTING;
        lastError = null;
        abortive = false;
        closeFrameReceived = false;
        long now = System.nanoTime();
        timer.startAttempt(now);
        count(CounterId.CONNECT_ATTEMPTS);
        if (everOpened || attemptsSinceOpen > 0) {
            count(CounterId.RECONNECT_ATTEMPTS);
        }
        ctx.events().onAttempt(this, attemptsSinceOpen + 1, now);
        timeoutTask = loop.schedule(this::timedOut, ctx.options().connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        ctx.resolver().resolve(url.host(), loop, this::resolved);
    }

    private void resolved(InetAddress address, Throwable error) {
        if (state != State.CONNECTING) {
            return;
        }
        if (error != null) {
            failAttempt(FailureReason.DNS, 0, error);
            return;
        }
        long now = System.nanoTime();
        time(HistogramId.CONNECT_DNS, timer.advance(ConnectPhase.TCP, now));
        io.netty.bootstrap.Bootstrap bootstrap = ctx.newBootstrap(loop);
        if (receiveBufferBytes > 0) {
            // Set before connect so the TCP window is negotiated for it: a small window makes a stalled
            // reader visible to the server quickly instead of after megabytes of kernel buffering.
            bootstrap.option(ChannelOption.SO_RCVBUF, receiveBufferBytes);
        }
        if (recvByteBufAllocator != null) {
            bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, recvByteBufAllocator);
        }
        ChannelFuture connect = bootstrap
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (url.tls()) {
                            SslHandler ssl = ctx.sslContext().newHandler(ch.alloc(), url.host(), url.port());
                            p.addLast("tls", ssl);
                        }
                        initProtocolPipeline(p);
                    }
                })
                .connect(new InetSocketAddress(address, url.port()), sourceAddress());
        channel = connect.channel();
        ctx.gauge().socketCreated();
        channel.closeFuture().addListener(f -> ctx.gauge().socketClosed());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                failAttempt(FailureClassifier.classify(f.cause()), 0, f.cause());
            }
        });
    }

    /** Called by the handler when the TCP connection is established (channelActive). */
    public final void tcpConnected() {
        if (state != State.CONNECTING) {
            return;
        }
        long now = System.nanoTime();
        if (url.tls()) {
            time(HistogramId.CONNECT_TCP, timer.advance(ConnectPhase.TLS, now));
        } else {
            time(HistogramId.CONNECT_TCP, timer.advance(ConnectPhase.UPGRADE, now));
            sendHandshake(channel);
        }
    }

    /** Called by the handler when the TLS handshake has completed. */
    public final void tlsDone() {
        if (state != State.CONNECTING) {
            return;
        }
        time(HistogramId.CONNECT_TLS, timer.advance(ConnectPhase.UPGRADE, System.nanoTime()));
        sendHandshake(channel);
    }

    /** Called by the handler when the upgrade (101) or the SSE response headers arrived: the session is open. */
    public final void opened() {
        if (state != State.CONNECTING) {
            return;
        }
        long now = System.nanoTime();
        cancelTimers();
        time(HistogramId.CONNECT_UPGRADE, timer.advance(ConnectPhase.FIRST_MESSAGE, now));
        time(HistogramId.CONNECT_TOTAL, timer.sinceAttemptStart(now));
        count(CounterId.CONNECTS);
        count(CounterId.OPEN);
        if (!measured()) {
            metrics.increment(CounterId.PUBLISHER_CONNECTS);
        }
        boolean reopened = everOpened;
        if (reopened) {
            count(CounterId.RECONNECTS);
            if (lostAtNanos >= 0) {
                time(HistogramId.RECONNECT, now - lostAtNanos);
            }
        }
        state = State.OPEN;
        everOpened = true;
        attemptsSinceOpen = 0;
        lostAtNanos = -1;
        openedAtNanos = now;
        firstMessageSeen = false;
        if (measured()) {
            ctx.gauge().opened();
        }
        ctx.events().onOpen(this, reopened, now);
    }

    /** Called by the subscriber's handler for every message; records {@code first_message} once per open. */
    public final void messageArrived() {
        if (!firstMessageSeen && state == State.OPEN) {
            firstMessageSeen = true;
            time(HistogramId.CONNECT_FIRST_MESSAGE, System.nanoTime() - openedAtNanos);
        }
    }

    /** Called by the handler when the upgrade or subscribe request was answered with the wrong status. */
    public final void rejected(int httpStatus, boolean retryable) {
        if (state != State.CONNECTING) {
            return;
        }
        if (!retryable) {
            attemptsSinceOpen = Integer.MAX_VALUE / 2;
        }
        failAttempt(FailureReason.HTTP_STATUS, httpStatus, null);
    }

    /**
     * Called by the handler when the upgrade or SSE response broke the protocol (a wrong accept key, a head that does
     * not parse, the wrong content type); the error says which ({@link FailureClassifier}).
     */
    public final void handshakeFailed(Throwable error) {
        if (state == State.CONNECTING) {
            failAttempt(FailureClassifier.classify(error), 0, error);
        }
    }

    /** Called by the handler for a close code the target sent (WebSocket close frame). */
    public final void closeCodeReceived(int code) {
        closeFrameReceived = true;
        // Close codes are a figure of the clients under test; a publisher's would inflate them by one per topic.
        if (measured()) {
            metrics.recordCloseCode(code);
        }
    }

    /** Called by the handler on exceptionCaught; the channel is closed and the error classifies the loss. */
    public final void errorCaught(Throwable error) {
        if (lastError == null) {
            lastError = error;
        }
        if (channel != null) {
            channel.close();
        }
    }

    /** Sets the least delay before the next reconnect (the server's SSE {@code retry:}). */
    public final void minReconnectDelayMillis(long millis) {
        minReconnectDelayNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Lets a subclass settle what was in flight on a connection that has just ended. */
    protected void connectionEnded() {
    }

    /** Called by the handler from channelInactive. */
    public final void channelClosed() {
        long now = System.nanoTime();
        if (state == State.OPEN || state == State.STOPPED) {
            connectionEnded();
        }
        switch (state) {
            case CONNECTING -> failAttempt(lastError == null ? FailureReason.CLOSED
                    : FailureClassifier.classify(lastError), 0, lastError);
            case OPEN -> {
                countClosed();
                if (!measured()) {
                    metrics.increment(CounterId.PUBLISHER_DISCONNECTS);
                } else if (abortive) {
                    metrics.increment(CounterId.CLOSED_BY_CLIENT);
                } else if (lastError != null) {
                    metrics.increment(CounterId.CLOSED_BY_ERROR);
                    metrics.recordClose(FailureClassifier.classify(lastError));
                    logUnrecognised(lastError, "an open connection");
                } else {
                    metrics.increment(CounterId.CLOSED_BY_SERVER);
                    metrics.recordClose(closeFrameReceived ? FailureReason.CLOSE_FRAME : FailureReason.CLOSED);
                }
                lostAtNanos = now;
                ctx.events().onLost(this, now);
                scheduleReconnect();
            }
            case STOPPED -> {
                if (stoppedWhileOpen) {
                    stoppedWhileOpen = false;
                    countClosed();
                    count(CounterId.CLOSED_BY_CLIENT);
                }
            }
            default -> {
            }
        }
        channel = null;
    }

    private void countClosed() {
        if (measured()) {
            metrics.add(CounterId.OPEN, -1);
            ctx.gauge().closed();
        }
    }

    private void failAttempt(FailureReason reason, int httpStatus, Throwable error) {
        if (state != State.CONNECTING) {
            return;
        }
        ConnectPhase phase = timer.current() == ConnectPhase.FIRST_MESSAGE ? ConnectPhase.UPGRADE : timer.current();
        if (measured()) {
            metrics.recordConnectFailure(phase, reason, httpStatus);
        } else {
            metrics.increment(CounterId.PUBLISHER_CONNECT_FAILURES);
        }
        if (reason == FailureReason.OTHER && error != null) {
            logUnrecognised(error, "a connection attempt in " + phase.key());
        }
        cancelTimers();
        state = State.WAITING;
        ctx.events().onAttemptFailed(this, phase, reason, System.nanoTime());
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
        scheduleReconnect();
    }

    /** An error herd cannot name is counted as {@code other}; the first of them is logged, so it can be named. */
    private static void logUnrecognised(Throwable error, String where) {
        if (FailureClassifier.classify(error) == FailureReason.OTHER && UNRECOGNISED_LOGGED.compareAndSet(false, true)) {
            LOG.warn("{} ended in an error herd does not recognise (counted as other): {}", where, error.toString());
        }
    }

    private void timedOut() {
        if (state == State.CONNECTING) {
            failAttempt(FailureReason.TIMEOUT, 0, null);
        }
    }

    private void scheduleReconnect() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.WAITING;
        attemptsSinceOpen++;
        ReconnectPolicy policy = measured() ? ctx.options().reconnect() : ctx.publisherReconnect();
        long delay = policy.delayNanos(attemptsSinceOpen, random());
        if (delay < 0) {
            state = State.STOPPED;
            gaveUp = true;
            ctx.events().onGaveUp(this, System.nanoTime());
            return;
        }
        if (ctx.options().honourSseRetry()) {
            delay = Math.max(delay, minReconnectDelayNanos);
        }
        if (delay == 0) {
            loop.execute(this::attempt);
        } else {
            reconnectTask = loop.schedule(this::attempt, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** This client's local address, port chosen by the system; null when no source addresses were given. */
    private InetSocketAddress sourceAddress() {
        List<InetAddress> sources = ctx.options().sourceAddresses();
        return sources.isEmpty() ? null : new InetSocketAddress(sources.get(index % sources.size()), 0);
    }

    private SplittableRandom random() {
        if (random == null) {
            random = new SplittableRandom(ctx.options().seed() * 0x9E3779B97F4A7C15L + index);
        }
        return random;
    }

    private void cancelTimers() {
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
            timeoutTask = null;
        }
        if (reconnectTask != null) {
            reconnectTask.cancel(false);
            reconnectTask = null;
        }
    }

    /** The open channel, or null; event loop only. */
    public final Channel openChannel() {
        return state == State.OPEN ? channel : null;
    }

    public final State state() {
        return state;
    }

    public final int index() {
        return index;
    }

    public final ClientRole role() {
        return role;
    }

    public final int topicIndex() {
        return topicIndex;
    }

    public final EventLoop loop() {
        return loop;
    }

    public final boolean everOpened() {
        return everOpened;
    }

    /** True once {@link #start()} was called. Any thread. */
    public final boolean started() {
        return started;
    }

    /** True once the session opened at least once, or gave up trying. Any thread. */
    public final boolean settled() {
        return everOpened || gaveUp;
    }

    /** True when the policy allowed no further attempt. Any thread. */
    public final boolean gaveUp() {
        return gaveUp;
    }

    protected final ClientContext context() {
        return ctx;
    }
}
