package dev.herd.broker.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The event loops of the test clients: NIO, daemon threads, shared by every test of the JVM. */
final class ClientLoops {

    private static final EventLoopGroup GROUP =
            new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("test-client", true), NioIoHandler.newFactory());

    private ClientLoops() {
    }

    /**
     * A bootstrap on the shared loops. {@code receiveBufferBytes > 0} shrinks the socket's receive buffer (set
     * before connecting, so the TCP window is small from the start): with reading paused, the server then
     * fills its side quickly.
     */
    static Bootstrap bootstrap(int receiveBufferBytes) {
        Bootstrap bootstrap = new Bootstrap()
                .group(GROUP)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .option(ChannelOption.TCP_NODELAY, true);
        if (receiveBufferBytes > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, receiveBufferBytes);
        }
        return bootstrap;
    }
}
