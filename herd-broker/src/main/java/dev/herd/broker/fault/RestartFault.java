package dev.herd.broker.fault;

import dev.herd.broker.pubsub.Subscriber;
import dev.herd.broker.connection.CloseCause;
import dev.herd.broker.connection.ConnectionKind;
import dev.herd.broker.connection.ConnectionRegistry;
import dev.herd.broker.connection.ListeningSocket;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /admin/restart?down=2s}: behaves like a server restart without losing topic state. The listening
 * socket is closed first (new connections are refused by the kernel), then every connection is ended: a
 * WebSocket subscriber gets close 1012 "service restart", an SSE stream its terminating chunk, anything else
 * is simply closed. After {@code down} the target listens again on the same port. Sequence numbers and
 * replay buffers survive, so SSE clients that reconnect with {@code Last-Event-ID} get what they missed.
 */
public final class RestartFault {

    private static final Logger log = LoggerFactory.getLogger(RestartFault.class);
    private static final long REBIND_RETRY_MILLIS = 100;
    private static final int REBIND_ATTEMPTS = 50;

    private final ListeningSocket listener;
    private final ConnectionRegistry connections;
    private final EventLoopGroup group;
    private final AtomicBoolean restarting = new AtomicBoolean();

    public RestartFault(ListeningSocket listener, ConnectionRegistry connections, EventLoopGroup group) {
        this.listener = listener;
        this.connections = connections;
        this.group = group;
    }

    /**
     * Starts a restart. The future completes once the target stopped listening and every connection it had
     * is closed; listening resumes {@code down} after the call. Throws {@link IllegalStateException} while a
     * restart is already under way.
     */
    public CompletableFuture<Void> restart(Duration down) {
        if (!restarting.compareAndSet(false, true)) {
            throw new IllegalStateException("a restart is already in progress");
        }
        InetSocketAddress address = listener.localAddress();
        log.info("restart: stop listening on {} for {} ms", address, down.toMillis());
        CompletableFuture<Void> unbound = new CompletableFuture<>();
        try {
            listener.unbind().addListener(f -> unbound.complete(null));
        } catch (IllegalStateException notListening) { // the target is closing
            restarting.set(false);
            throw notListening;
        }
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        closed.add(unbound);
        for (Channel channel : connections.channels()) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            // Completed from a task queued after the registry's close accounting, so that the stats already
            // show the connection closed when the restart's future completes.
            channel.closeFuture().addListener(done -> {
                try {
                    channel.eventLoop().execute(() -> f.complete(null));
                } catch (RuntimeException shuttingDown) {
                    f.complete(null);
                }
            });
            closed.add(f);
            channel.eventLoop().execute(() -> end(channel));
        }
        group.next().schedule(() -> rebind(1), down.toNanos(), TimeUnit.NANOSECONDS);
        return CompletableFuture.allOf(closed.toArray(CompletableFuture<?>[]::new));
    }

    public boolean isRestarting() {
        return restarting.get();
    }

    private static void end(Channel channel) {
        Subscriber subscriber = Subscriber.of(channel);
        // A subscription still being set up (its 101 or SSE head not written yet) is closed like plain HTTP.
        if (subscriber != null && ConnectionRegistry.kindOf(channel) != ConnectionKind.HTTP) {
            subscriber.end(CloseCause.RESTART);
        } else {
            ConnectionRegistry.closeWith(channel, CloseCause.RESTART);
        }
    }

    private void rebind(int attempt) {
        listener.bind().addListener(f -> {
            if (f.isSuccess()) {
                log.info("restart: listening again on {}", listener.localAddress());
                restarting.set(false);
            } else if (attempt < REBIND_ATTEMPTS) {
                group.next().schedule(() -> rebind(attempt + 1), REBIND_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                log.error("restart: cannot listen on {} again, giving up: {}", listener.localAddress(),
                        f.cause().toString());
                restarting.set(false);
            }
        });
    }
}
