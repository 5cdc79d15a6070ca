package dev.herd.engine.client;

import io.netty.channel.EventLoop;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * Resolves target host names off the event loops. IP literals resolve at once without a lookup (their
 * {@code dns} phase is zero); names go through the JDK resolver (with its own cache) on one daemon thread,
 * and the answer comes back on the caller's event loop, so no loop ever blocks on DNS.
 */
public final class HostResolver implements AutoCloseable {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "herd-resolver");
        t.setDaemon(true);
        return t;
    });

    /** Calls {@code done} on {@code loop} with the address, or with the error. */
    public void resolve(String host, EventLoop loop, BiConsumer<InetAddress, Throwable> done) {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal != null) {
            try {
                done.accept(InetAddress.getByAddress(host, literal), null);
            } catch (UnknownHostException e) {
                done.accept(null, e);
            }
            return;
        }
        executor.execute(() -> {
            InetAddress address = null;
            Throwable error = null;
            try {
                address = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                error = e;
            }
            InetAddress a = address;
            Throwable e = error;
            loop.execute(() -> done.accept(a, e));
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
