package dev.herd.engine.client;

import dev.herd.engine.connect.ConnectPhase;
import dev.herd.engine.connect.FailureClassifier;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.metrics.LoopMetrics;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived connection herd keeps to the target, across reconnects: its life (new, connecting, open, waiting to
 * reconnect, stopped) and the policy that brings it back. Each try is a {@link ConnectionAttempt}; what it counts is
 * {@link SessionCounting}'s. All of its state lives on one event loop; protocol handlers ({@code Ws…}, {@code Sse…})
 * call back into it on that loop.
 *
 * <pre>{@code
 * ClientSession s = new WsSession(ctx, index, ClientRole.SUBSCRIBER, topic, url, loop, receiver);
 * s.start();   // from any thread
 * s.stop();    // graceful close, no reconnect
 * }</pre>
 */
public abstract class ClientSession {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final AtomicBoolean UNRECOGNISED_LOGGED = new AtomicBoolean();

    /** Where a session is in its life. */
    public enum State { NEW, CONNECTING, OPEN, WAITING, STOPPED }

    protected final ClientContext ctx;
    protected final int index;
    protected final ClientRole role;
    protected final int topicIndex;
    protected final TargetUrl url;
    protected final EventLoop loop;
    protected final LoopMetrics metrics;
    private final SessionCounting counting;

    private State state = State.NEW;
    private ConnectionAttempt attempt;
    private Channel channel;
    private int attemptsSinceOpen;
    private volatile boolean everOpened;
    private volatile boolean everUpgraded;
    private volatile boolean started;
    private volatile boolean gaveUp;
    private long lostAtNanos = -1;
    private long openedAtNanos;
    private boolean firstMessageSeen;
    private Throwable lastError;
    private boolean stoppedWhileOpen;
    private boolean abortive;
    /** The target sent a WebSocket close frame on the current connection. */
    private boolean closeFrameReceived;
    private long minReconnectDelayNanos;
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
        this.counting = new SessionCounting(metrics, ctx.gauge(), role);
    }

    /** Adds the protocol's handlers after TLS (if any); the last handler calls back into this session. */
    protected abstract void initProtocolPipeline(ChannelPipeline pipeline);

    /** Sends the upgrade or subscribe request once the transport (TCP, TLS) is ready. */
    protected abstract void sendHandshake(Channel channel);

    /** Closes an open connection politely (WebSocket close frame, or just close for SSE). */
    protected abstract void closeGracefully(Channel channel);

    /**
     * Starts the subscribe phase after the upgrade, if this session's protocol has one (it then calls
     * {@link #subscribed()} or {@link #subscribeRejected}); returns false when it has none and the session is open now.
     */
    protected boolean beginSubscribe(Channel channel) {
        return false;
    }

    /** Lets a subclass settle what was in flight on a connection that has just ended. */
    protected void connectionEnded() {
    }

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
    public final void withOpenChannel(Consumer<Channel> action) {
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
            enterStopped();
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
                enterStopped();
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

    private void attempt() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.CONNECTING;
        lastError = null;
        abortive = false;
        closeFrameReceived = false;
        long now = System.nanoTime();
        counting.attemptStarted(everOpened || attemptsSinceOpen > 0);
        ctx.events().onAttempt(this, attemptsSinceOpen + 1, now);
        attempt = new ConnectionAttempt(this, ctx, counting);
        attempt.start(now);
    }

    /** True while {@code a} is this session's attempt in progress. */
    final boolean attempting(ConnectionAttempt a) {
        return state == State.CONNECTING && attempt == a;
    }

    final void configure(Bootstrap bootstrap) {
        ConnectionAttempt.configure(bootstrap, receiveBufferBytes, recvByteBufAllocator);
    }

    final void channelCreated(Channel ch) {
        channel = ch;
        ctx.gauge().socketCreated();
        ch.closeFuture().addListener(f -> ctx.gauge().socketClosed());
    }

    /** Called by the handler when the TCP connection is established (channelActive). */
    public final void tcpConnected() {
        if (state == State.CONNECTING) {
            attempt.tcpConnected();
        }
    }

    /** Called by the handler when the TLS handshake has completed. */
    public final void tlsDone() {
        if (state == State.CONNECTING) {
            attempt.tlsDone();
        }
    }

    /**
     * Called by the handler when the upgrade (101) or the SSE response arrived: the session is open now, or once
     * its protocol's subscription is acknowledged ({@link #beginSubscribe}).
     */
    public final void upgraded() {
        if (state != State.CONNECTING) {
            return;
        }
        long now = System.nanoTime();
        everUpgraded = true;
        attempt.upgraded(now);
        if (!beginSubscribe(channel)) {
            open(now, false);
        }
    }

    /** Called by the protocol when the target acknowledged the subscription (or, for a publisher, the connect). */
    public final void subscribed() {
        if (state == State.CONNECTING) {
            open(System.nanoTime(), true);
        }
    }

    /** Called by the protocol when the target refused the subscription (an error reply, a close in the handshake). */
    public final void subscribeRejected(String why) {
        if (state == State.CONNECTING) {
            LOG.debug("subscription refused: {}", why);
            attempt.fail(FailureReason.SUBSCRIBE_REJECTED, 0, null);
        }
    }

    /** Called by the protocol when a step of its handshake was not answered in time (a script's step timeout). */
    public final void subscribeTimedOut(String why) {
        if (state == State.CONNECTING) {
            LOG.debug("subscription timed out: {}", why);
            attempt.fail(FailureReason.SUBSCRIBE_TIMEOUT, 0, null);
        }
    }

    private void open(long now, boolean subscribePhase) {
        attempt.subscribed(now, subscribePhase);
        attempt = null;
        boolean reopened = everOpened;
        counting.opened(reopened, reopened ? (lostAtNanos >= 0 ? now - lostAtNanos : -1) : -1);
        state = State.OPEN;
        everOpened = true;
        attemptsSinceOpen = 0;
        lostAtNanos = -1;
        openedAtNanos = now;
        firstMessageSeen = false;
        ctx.events().onOpen(this, reopened, now);
    }

    /** Called by the subscriber's handler for every message; records {@code first_message} once per open. */
    public final void messageArrived() {
        if (!firstMessageSeen && state == State.OPEN) {
            firstMessageSeen = true;
            counting.firstMessage(System.nanoTime() - openedAtNanos);
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
        attempt.fail(FailureReason.HTTP_STATUS, httpStatus, null);
    }

    /**
     * Called by the handler when the upgrade or SSE response broke the protocol (a wrong accept key, a head that does
     * not parse, the wrong content type); the error says which ({@link FailureClassifier}).
     */
    public final void handshakeFailed(Throwable error) {
        if (state == State.CONNECTING) {
            attempt.fail(FailureClassifier.classify(error), 0, error);
        }
    }

    /** Called by the handler for a close code the target sent (WebSocket close frame). */
    public final void closeCodeReceived(int code) {
        closeFrameReceived = true;
        counting.closeCode(code);
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

    /** Called by the handler from channelInactive. */
    public final void channelClosed() {
        long now = System.nanoTime();
        if (state == State.OPEN || state == State.STOPPED) {
            connectionEnded();
        }
        switch (state) {
            case CONNECTING -> attempt.fail(lastError == null ? FailureReason.CLOSED
                    : FailureClassifier.classify(lastError), 0, lastError);
            case OPEN -> {
                if (abortive) {
                    counting.closedByClient();
                } else if (lastError != null) {
                    counting.lost(FailureClassifier.classify(lastError), true);
                    logUnrecognised(lastError, "an open connection");
                } else {
                    counting.lost(closeFrameReceived ? FailureReason.CLOSE_FRAME : FailureReason.CLOSED, false);
                }
                lostAtNanos = now;
                ctx.events().onLost(this, now);
                scheduleReconnect();
            }
            case STOPPED -> {
                if (stoppedWhileOpen) {
                    stoppedWhileOpen = false;
                    counting.closedByClient();
                }
            }
            default -> {
            }
        }
        channel = null;
    }

    /** The attempt {@code failed} failed in {@code phase}: closes what it opened and reconnects by the policy. */
    final void attemptFailed(ConnectionAttempt failed, ConnectPhase phase, FailureReason reason, Throwable error,
                             Channel ch) {
        if (reason == FailureReason.OTHER && error != null) {
            logUnrecognised(error, "a connection attempt in " + phase.key());
        }
        attempt = null;
        state = State.WAITING;
        ctx.events().onAttemptFailed(this, phase, reason, System.nanoTime());
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

    private void scheduleReconnect() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.WAITING;
        attemptsSinceOpen++;
        ReconnectPolicy policy = counting.measured() ? ctx.options().reconnect() : ctx.publisherReconnect();
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

    private void enterStopped() {
        state = State.STOPPED;
        if (attempt != null) {
            attempt.abandon();
            attempt = null;
        }
        if (reconnectTask != null) {
            reconnectTask.cancel(false);
            reconnectTask = null;
        }
    }

    private SplittableRandom random() {
        if (random == null) {
            random = new SplittableRandom(ctx.options().seed() * 0x9E3779B97F4A7C15L + index);
        }
        return random;
    }

    /**
     * The value of a URL or header placeholder for this client ({@link ClientPlaceholders}): its topic, topic index,
     * client index, the run id or a feeder column; null for a name it does not know.
     */
    public final String placeholderValue(String name) {
        switch (name) {
            case dev.herd.engine.protocol.Placeholders.TOPIC:
                return topicIndex < 0 ? null : ctx.topicName(topicIndex);
            case dev.herd.engine.protocol.Placeholders.TOPIC_INDEX:
                return topicIndex < 0 ? null : Integer.toString(topicIndex);
            case dev.herd.engine.protocol.Placeholders.CLIENT:
                return Integer.toString(index);
            case dev.herd.engine.protocol.Placeholders.RUN:
                return String.format("%08x", ctx.runId());
            default:
                dev.herd.engine.feeder.Feeder feeder = ctx.options().feeder();
                int column = feeder == null ? -1 : feeder.column(name);
                return column < 0 ? null : feeder.value(index, column);
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

    /** True once an attempt got past the upgrade (or the SSE response), subscribed or not. Any thread. */
    public final boolean everUpgraded() {
        return everUpgraded;
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
