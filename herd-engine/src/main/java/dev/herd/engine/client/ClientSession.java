package dev.herd.engine.client;

import dev.herd.engine.connect.FailureReason;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.RecvByteBufAllocator;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived connection herd keeps to the target, across reconnects: what scenarios start, stop, drop and ask of
 * it. Its life (new, connecting, open, waiting to reconnect, stopped) and the policy that brings it back are
 * {@link SessionLife}'s; each try is a {@link ConnectionAttempt}; what it counts is {@link SessionCounting}'s. All of
 * its state lives on one event loop; protocol handlers ({@code Ws…}, {@code Sse…}) call back into it on that loop.
 *
 * <pre>{@code
 * ClientSession s = new WsSession(ctx, index, ClientRole.SUBSCRIBER, topic, url, loop, receiver);
 * s.start();   // from any thread
 * s.stop();    // graceful close, no reconnect
 * }</pre>
 */
public abstract class ClientSession extends SessionLife {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    protected ClientSession(ClientContext ctx, int index, ClientRole role, int topicIndex, TargetUrl url,
                            EventLoop loop) {
        super(ctx, index, role, topicIndex, url, loop);
    }

    /** Sets the socket receive buffer for this session's connections (0 = the system's); before {@link #start()}. */
    public final void receiveBufferBytes(int bytes) {
        tuning = new SocketTuning(bytes, tuning == null ? null : tuning.recvByteBufAllocator());
    }

    /**
     * Sets how this session's connections size their socket reads (null = Netty's default); before {@link #start()}.
     * A channel creates its read handle at its first read, so this is the only way to change read sizes later on.
     */
    public final void recvByteBufAllocator(RecvByteBufAllocator allocator) {
        tuning = new SocketTuning(tuning == null ? 0 : tuning.receiveBufferBytes(), allocator);
    }

    /** Called by the protocol when the target refused the subscription (an error reply, a close in the handshake). */
    public final void subscribeRejected(String why) {
        subscribeFailed(FailureReason.SUBSCRIBE_REJECTED, why);
    }

    /** Called by the protocol when a step of its handshake was not answered in time (a script's step timeout). */
    public final void subscribeTimedOut(String why) {
        subscribeFailed(FailureReason.SUBSCRIBE_TIMEOUT, why);
    }

    private void subscribeFailed(FailureReason reason, String why) {
        if (state == State.CONNECTING) {
            LOG.debug("subscription failed ({}): {}", reason.key(), why);
            attempt.fail(reason, 0, null);
        }
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

    /**
     * The value of a URL or header placeholder for this client ({@link ClientPlaceholders}): its topic, topic index,
     * client index, the run id or a feeder column; null for a name it does not know.
     */
    public final String placeholderValue(String name) {
        return ClientPlaceholders.value(ctx, index, topicIndex, name);
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
        return everOpened || reconnect.gaveUp();
    }

    /** True when the policy allowed no further attempt. Any thread. */
    public final boolean gaveUp() {
        return reconnect.gaveUp();
    }

    protected final ClientContext context() {
        return ctx;
    }
}
