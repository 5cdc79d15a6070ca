package dev.herd.engine.client;

import dev.herd.engine.connect.ConnectPhase;
import dev.herd.engine.connect.FailureClassifier;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.metrics.LoopMetrics;
import dev.herd.engine.tls.ClientTls;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a client connection across reconnects, as its handlers report it: the states (new, connecting, open,
 * waiting to reconnect, stopped), one {@link ConnectionAttempt} per try, the end of each connection and the policy that
 * brings it back, counted by {@link SessionCounting}. All of it on the session's event loop; {@link ClientSession} is
 * the face the rest of herd sees.
 */
abstract class SessionLife {



    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    /** Where a session is in its life. */
    public enum State { NEW, CONNECTING, OPEN, WAITING, STOPPED }

    protected final ClientContext ctx;
    protected final int index;
    protected final ClientRole role;
    protected final int topicIndex;
    protected final TargetUrl url;
    protected final EventLoop loop;
    protected final LoopMetrics metrics;
    final SessionCounting counting;

    State state = State.NEW;
    ConnectionAttempt attempt;
    Channel channel;
    volatile boolean everOpened;
    volatile boolean everUpgraded;
    volatile boolean started;
    long lostAtNanos = -1;
    long openedAtNanos;
    boolean firstMessageSeen;
    Throwable lastError;
    boolean stoppedWhileOpen;
    boolean abortive;
    boolean closeFrameReceived; // a WebSocket close frame came on the current connection
    final ReconnectTimer reconnect;
    SocketTuning tuning; // socket settings of a session that changes them (a slow subscriber), else null
    /** This client's TLS: the context of its certificate and its key in the session cache; null and 0 without TLS. */
    final SslContext tlsContext;
    final int tlsSessionKey;

    SessionLife(ClientContext ctx, int index, ClientRole role, int topicIndex, TargetUrl url, EventLoop loop) {
        this.ctx = ctx;
        this.index = index;
        this.role = role;
        this.topicIndex = topicIndex;
        this.url = url;
        this.loop = loop;
        this.metrics = ctx.metrics().forLoop(loop);
        this.counting = new SessionCounting(metrics, ctx.gauge(), role);
        this.reconnect = new ReconnectTimer(loop, ctx.options().seed() * 0x9E3779B97F4A7C15L + index);
        if (url.tls()) {
            ClientTls tls = ctx.tls();
            this.tlsContext = tls.contextFor(name -> ClientPlaceholders.value(ctx, index, topicIndex, name));
            this.tlsSessionKey = tls.nextSessionKey();
        } else {
            this.tlsContext = null;
            this.tlsSessionKey = 0;
        }
    }

    /** This session as the rest of herd sees it: {@link ClientSession} is the only kind of session life. */
    final ClientSession self() {
        return (ClientSession) this;
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

    void attempt() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.CONNECTING;
        lastError = null;
        abortive = false;
        closeFrameReceived = false;
        long now = System.nanoTime();
        counting.attemptStarted(everOpened || reconnect.attemptsSinceOpen() > 0);
        ctx.events().onAttempt(self(), reconnect.attemptsSinceOpen() + 1, now);
        attempt = new ConnectionAttempt(self(), ctx, counting);
        attempt.start(now);
    }

    /** True while {@code a} is this session's attempt in progress. */
    final boolean attempting(ConnectionAttempt a) {
        return state == State.CONNECTING && attempt == a;
    }

    /** Applies this session's own socket settings, if any, to a new channel before it connects. */
    final void configure(SocketChannel ch) {
        if (tuning != null) {
            tuning.applyTo(ch.config());
        }
    }

    final void channelCreated(Channel ch) {
        channel = ch;
        ctx.gauge().socketCreated();
        ch.closeFuture().addListener(ctx.gauge()); // one listener for every channel: nothing made per connection
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

    void open(long now, boolean subscribePhase) {
        attempt.subscribed(now, subscribePhase);
        attempt = null;
        boolean reopened = everOpened;
        counting.opened(reopened, reopened ? (lostAtNanos >= 0 ? now - lostAtNanos : -1) : -1);
        state = State.OPEN;
        everOpened = true;
        reconnect.opened();
        lostAtNanos = -1;
        openedAtNanos = now;
        firstMessageSeen = false;
        ctx.events().onOpen(self(), reopened, now);
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
            reconnect.noRetry();
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
        reconnect.minDelayMillis(millis);
    }

    /** Called by the handler from channelInactive. */
    public final void channelClosed() {
        long now = System.nanoTime();
        if (state == State.OPEN || state == State.STOPPED) {
            connectionEnded();
        }
        switch (state) {
            // A close in the protocol's handshake is the server's answer to it (a wrong password, a refused topic).
            case CONNECTING -> attempt.fail(lastError != null ? FailureClassifier.classify(lastError)
                    : attempt.phase() == ConnectPhase.SUBSCRIBE ? FailureReason.SUBSCRIBE_REJECTED
                    : FailureReason.CLOSED, 0, lastError);
            case OPEN -> {
                counting.ended(abortive, lastError, closeFrameReceived);
                lostAtNanos = now;
                ctx.events().onLost(self(), now);
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
            FailureClassifier.logUnrecognised(error, "a connection attempt in " + phase.key());
        }
        attempt = null;
        state = State.WAITING;
        ctx.events().onAttemptFailed(self(), phase, reason, System.nanoTime());
        channel = null;
        if (ch != null) {
            ch.close();
        }
        scheduleReconnect();
    }

    void scheduleReconnect() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.WAITING;
        ReconnectPolicy policy = counting.measured() ? ctx.options().reconnect() : ctx.publisherReconnect();
        if (!reconnect.schedule(policy, ctx.options().honourSseRetry(), this::attempt)) {
            state = State.STOPPED;
            ctx.events().onGaveUp(self(), System.nanoTime());
        }
    }

    void enterStopped() {
        state = State.STOPPED;
        if (attempt != null) {
            attempt.abandon();
            attempt = null;
        }
        reconnect.cancel();
    }
}
