package dev.herd.engine.testing;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Netty event loop (the same run loop, I/O then tasks, as herd's transports), shut down after each test: for
 * behaviour that depends on how the loop orders its timers, queued tasks and I/O, which an {@code EmbeddedChannel}
 * does not have.
 *
 * <pre>{@code
 * @RegisterExtension final OneEventLoop loop = new OneEventLoop();
 * loop.get().schedule(task, 0, TimeUnit.NANOSECONDS);
 * }</pre>
 */
public final class OneEventLoop implements AfterEachCallback {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();

    public EventLoop get() {
        return loop;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
