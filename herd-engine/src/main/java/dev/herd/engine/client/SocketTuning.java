package dev.herd.engine.client;

import io.netty.channel.socket.SocketChannelConfig;
import io.netty.channel.RecvByteBufAllocator;

/**
 * Socket settings a session asks of its connections beyond the run's own (a slow subscriber's small receive window
 * and read size), applied to each attempt's channel before it connects.
 *
 * @param receiveBufferBytes {@code SO_RCVBUF}, 0 for the system's
 * @param recvByteBufAllocator how reads are sized, null for Netty's default
 */
record SocketTuning(int receiveBufferBytes, RecvByteBufAllocator recvByteBufAllocator) {

    void applyTo(SocketChannelConfig config) {
        if (receiveBufferBytes > 0) {
            // Set before connect so the TCP window is negotiated for it: a small window makes a stalled
            // reader visible to the server quickly instead of after megabytes of kernel buffering.
            config.setReceiveBufferSize(receiveBufferBytes);
        }
        if (recvByteBufAllocator != null) {
            config.setRecvByteBufAllocator(recvByteBufAllocator);
        }
    }
}
