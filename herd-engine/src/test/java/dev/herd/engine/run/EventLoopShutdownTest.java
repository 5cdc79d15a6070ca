package dev.herd.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herd.broker.testing.NettyLeaks;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.FileDescriptor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Why {@link FleetShutdown} exists: the cause of the leak reports of a {@code ByteBuf} made by
 * {@code WebSocket08FrameEncoder} for a publisher's frame, reproduced deterministically with Netty alone.
 *
 * <p>Netty 4.2's event loop closes its channels at shutdown ({@code IoHandler.prepareToDestroy}) only in a turn that
 * begins after the shutdown was asked for. When {@code shutdownGracefully(0, …)} arrives during a turn and tasks are
 * queued, the loop's final {@code confirmShutdown} runs them and, with no quiet period, ends the loop in that turn:
 * the channels stay open, their sockets leak and whatever is queued on them is never released. A publisher behind
 * its schedule (re-queuing itself every 256 messages) is exactly such a stream of tasks; a shutdown from another
 * thread lands inside a turn by chance, here it is asked for from inside one.
 */
class EventLoopShutdownTest {

    @Test
    void aShutdownAskedForDuringABusyTurnEndsTheLoopWithItsChannelOpenAndItsQueuedWriteUnreleased() throws Exception {
        assumeTrue(Epoll.isAvailable(), "the epoll transport is what herd runs on");
        EventLoopGroup server = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap().group(server).channel(EpollServerSocketChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childHandler(new ChannelInboundHandlerAdapter())
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();

            Outcome outcome = shutDownDuringABusyTurn(listener);

            assertThat(outcome.loopTerminated()).isTrue();
            assertThat(outcome.channelOpenAfterwards()).as("the loop's shutdown closed its channel").isTrue();
            outcome.fd().close(); // the socket would stay open for the life of the process otherwise
            List<String> leaks = NettyLeaks.collect();
            assertThat(leaks).hasSize(1);
            assertThat(leaks.get(0)).contains("ChannelOutboundBuffer.addMessage");
            listener.close().sync();
        } finally {
            server.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Kept apart so that nothing of the client's group or channel stays reachable from the test afterwards. */
    private static Outcome shutDownDuringABusyTurn(Channel listener) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        Channel ch = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(listener.localAddress()).sync().channel();
        EventLoop loop = ch.eventLoop();
        loop.submit(() -> ch.write(ch.alloc().directBuffer(64).writeZero(64))).sync();
        loop.execute(new Requeuing(loop, 1000));
        loop.execute(() -> group.shutdownGracefully(0, 2, TimeUnit.SECONDS));
        boolean terminated = group.terminationFuture().await(10, TimeUnit.SECONDS);
        return new Outcome(terminated, ch.isOpen(), ((EpollSocketChannel) ch).fd());
    }

    private record Outcome(boolean loopTerminated, boolean channelOpenAfterwards, FileDescriptor fd) {
    }

    /** A task that queues itself again a bounded number of times, as a publisher behind its schedule does. */
    private static final class Requeuing implements Runnable {
        private final EventLoop loop;
        private int left;

        Requeuing(EventLoop loop, int times) {
            this.loop = loop;
            this.left = times;
        }

        @Override
        public void run() {
            if (--left > 0) {
                try {
                    loop.execute(this);
                } catch (RejectedExecutionException e) {
                    // the loop has stopped taking tasks
                }
            }
        }
    }
}
