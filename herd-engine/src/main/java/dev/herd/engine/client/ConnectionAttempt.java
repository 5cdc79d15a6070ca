package dev.herd.engine.client;

import dev.herd.engine.connect.ConnectPhase;
import dev.herd.engine.connect.FailureClassifier;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.metrics.HistogramId;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import dev.herd.engine.tls.TlsHandshake;
import javax.net.ssl.SSLSession;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One attempt of a session to connect: resolves, connects, times each phase (dns, tcp, tls, upgrade, subscribe) and
 * ends open or failed, within the connect timeout. Made for the attempt and dropped once it is over, so an open
 * connection keeps nothing of it. Its session's event loop only.
 */
final class ConnectionAttempt implements ChannelFutureListener {

    /** The pipeline name of the TLS handler. */
    private static final String TLS_HANDLER = "tls";

    private final ClientSession session;
    private final ClientContext ctx;
    private final SessionCounting counting;
    private final ConnectPhaseTimer timer = new ConnectPhaseTimer();
    private ScheduledFuture<?> timeoutTask;
    private Channel channel;

    ConnectionAttempt(ClientSession session, ClientContext ctx, SessionCounting counting) {
        this.session = session;
        this.ctx = ctx;
        this.counting = counting;
    }

    /** Starts resolving the host; the timeout covers every phase from now to open. */
    void start(long nowNanos) {
        timer.startAttempt(nowNanos);
        timeoutTask = session.loop().schedule(this::timedOut, ctx.options().connectTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
        ctx.resolver().resolve(session.url.host(), session.loop(), this::resolved);
    }

    private void resolved(InetAddress address, Throwable error) {
        if (!session.attempting(this)) {
            return;
        }
        if (error != null) {
            fail(FailureReason.DNS, 0, error);
            return;
        }
        counting.phase(HistogramId.CONNECT_DNS, timer.advance(ConnectPhase.TCP, System.nanoTime()));
        TargetUrl url = session.url;
        SocketChannel ch = ctx.newChannel();
        session.configure(ch);
        try {
            // The pipeline is built before the channel is registered, as a bootstrap's initializer would build it
            // on registration: the handlers learn they were added once the channel is registered.
            ChannelPipeline p = ch.pipeline();
            if (url.tls()) {
                p.addLast(TLS_HANDLER, ctx.tls().newHandler(session.tlsContext, ch.alloc(), url.host(),
                        session.tlsSessionKey));
            }
            session.initProtocolPipeline(p);
        } catch (RuntimeException e) {
            ch.unsafe().closeForcibly();
            fail(FailureClassifier.classify(e), 0, e);
            return;
        }
        channel = ch;
        session.channelCreated(ch);
        InetSocketAddress remote = new InetSocketAddress(address, url.port());
        // On the channel's own loop registration completes at once; the listener covers a loop that defers it.
        ChannelFuture registered = session.loop().register(ch);
        if (registered.isDone()) {
            connect(registered, remote);
        } else {
            registered.addListener(f -> connect(registered, remote));
        }
    }

    private void connect(ChannelFuture registered, InetSocketAddress remote) {
        Channel ch = registered.channel();
        if (!registered.isSuccess()) {
            if (ch.isRegistered()) {
                ch.close();
            } else {
                ch.unsafe().closeForcibly();
            }
            fail(FailureClassifier.classify(registered.cause()), 0, registered.cause());
            return;
        }
        InetSocketAddress local = sourceAddress();
        ChannelFuture connect = local == null ? ch.connect(remote) : ch.connect(remote, local);
        connect.addListener(this);
    }

    /** The connect completed: a failure (refused, unreachable) fails the attempt; success shows as channelActive. */
    @Override
    public void operationComplete(ChannelFuture connect) {
        if (!connect.isSuccess()) {
            fail(FailureClassifier.classify(connect.cause()), 0, connect.cause());
        }
    }

    void tcpConnected() {
        long now = System.nanoTime();
        if (session.url.tls()) {
            counting.phase(HistogramId.CONNECT_TCP, timer.advance(ConnectPhase.TLS, now));
        } else {
            counting.phase(HistogramId.CONNECT_TCP, timer.advance(ConnectPhase.UPGRADE, now));
            session.sendHandshake(channel);
        }
    }

    void tlsDone() {
        long nanos = timer.advance(ConnectPhase.UPGRADE, System.nanoTime());
        counting.phase(HistogramId.CONNECT_TLS, nanos);
        if (channel.pipeline().get(TLS_HANDLER) instanceof SslHandler ssl) {
            SSLSession tls = ssl.engine().getSession();
            counting.tlsHandshake(TlsHandshake.full(tls), TlsHandshake.version(tls), nanos);
        }
        session.sendHandshake(channel);
    }

    /** The upgrade (101) or the SSE response arrived: the subscribe phase begins. */
    void upgraded(long nowNanos) {
        counting.phase(HistogramId.CONNECT_UPGRADE, timer.advance(ConnectPhase.SUBSCRIBE, nowNanos));
    }

    /** The subscription is acknowledged (at once for a protocol without a subscribe handshake): the attempt is done. */
    void subscribed(long nowNanos, boolean timed) {
        long subscribe = timer.advance(ConnectPhase.FIRST_MESSAGE, nowNanos);
        if (timed) {
            counting.phase(HistogramId.CONNECT_SUBSCRIBE, subscribe);
        }
        counting.phase(HistogramId.CONNECT_TOTAL, timer.sinceAttemptStart(nowNanos));
        cancelTimeout();
    }

    /** The attempt failed in its current phase; the session then reconnects by its policy. */
    void fail(FailureReason reason, int httpStatus, Throwable error) {
        if (!session.attempting(this)) {
            return;
        }
        cancelTimeout();
        if (reason == FailureReason.TLS && channel != null && channel.pipeline().get(TLS_HANDLER) instanceof SslHandler ssl
                && ctx.tls().certificateAsked(ssl.engine())) {
            // A server that asked for a certificate and then ended the handshake refused what it got (TLS 1.2
            // servers say handshake_failure to a client that showed none).
            reason = FailureReason.TLS_CLIENT_CERT_REFUSED;
        }
        // With TLS 1.3 a server refuses a client certificate after the client has finished its handshake, while
        // the upgrade is under way: it is still the TLS handshake that failed.
        ConnectPhase phase = reason.isTls() ? ConnectPhase.TLS : phase();
        counting.failed(phase, reason, httpStatus);
        Channel ch = channel;
        channel = null;
        session.attemptFailed(this, phase, reason, error, ch);
    }

    /** The phase a failure is counted in (first_message is not a phase an attempt can fail in). */
    ConnectPhase phase() {
        ConnectPhase current = timer.current();
        return current == ConnectPhase.FIRST_MESSAGE ? ConnectPhase.UPGRADE : current;
    }

    /** Ends the attempt without counting: the session was stopped. */
    void abandon() {
        cancelTimeout();
    }

    private void timedOut() {
        fail(switch (timer.current()) {
            case SUBSCRIBE -> FailureReason.SUBSCRIBE_TIMEOUT;
            case TLS -> FailureReason.TLS_TIMEOUT;
            default -> FailureReason.TIMEOUT;
        }, 0, null);
    }

    private void cancelTimeout() {
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
            timeoutTask = null;
        }
    }

    /** This client's local address, port chosen by the system; null when no source addresses were given. */
    private InetSocketAddress sourceAddress() {
        List<InetAddress> sources = ctx.options().sourceAddresses();
        return sources.isEmpty() ? null : new InetSocketAddress(sources.get(session.index() % sources.size()), 0);
    }
}
