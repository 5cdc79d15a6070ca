package dev.herd.broker.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.LongFunction;

/**
 * One connection of a {@link MisbehavingServer}, as its {@link Misbehaviour} sees it: the request it sent and what
 * can be done to it, on the server's event loop. Raw bytes throughout, so any rule can be broken.
 */
public final class MisbehavingConnection {

    private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final AttributeKey<Stream> STREAM = AttributeKey.valueOf(MisbehavingConnection.class, "stream");

    private final Channel channel;
    private final RequestHead request;
    private final MisbehavingServer server;

    MisbehavingConnection(Channel channel, RequestHead request, MisbehavingServer server) {
        this.channel = channel;
        this.request = request;
        this.server = server;
    }

    public RequestHead request() {
        return request;
    }

    /** A correct {@code 101 Switching Protocols} for the request's key. */
    public MisbehavingConnection upgrade() {
        return upgradeWithAccept(acceptFor(request.header("sec-websocket-key")));
    }

    /** A {@code 101} whose {@code Sec-WebSocket-Accept} is the given value, right or wrong. */
    public MisbehavingConnection upgradeWithAccept(String accept) {
        return text("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n");
    }

    /** Sends text as ISO-8859-1 bytes (response heads, SSE fields) and flushes. */
    public MisbehavingConnection text(String text) {
        return bytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends raw bytes and flushes. */
    public MisbehavingConnection bytes(byte[] bytes) {
        server.countSent(bytes.length);
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        return this;
    }

    /** A server-to-client frame: {@code firstByte} holds FIN, RSV and opcode; unmasked unless {@code mask}. */
    public MisbehavingConnection frame(int firstByte, byte[] payload, boolean mask) {
        return bytes(WsFrames.frame(firstByte, payload, mask));
    }

    /**
     * Streams the chunks {@code chunk.apply(k)} for k = 0, 1, … as fast as the client reads (writes wait for
     * writability, nothing queues up here), until the client goes or {@link MisbehavingServer#STREAM_LIMIT_BYTES}.
     */
    public void stream(LongFunction<byte[]> chunk) {
        Stream stream = new Stream(chunk);
        channel.attr(STREAM).set(stream);
        stream.pump();
    }

    /** Closes with a TCP reset (SO_LINGER 0). */
    public void reset() {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.close();
    }

    /** Sends FIN (shuts the output down) and keeps the connection otherwise open. */
    public void halfClose() {
        ((DuplexChannel) channel).shutdownOutput();
    }

    /** Closes the connection normally (FIN both ways). */
    public void close() {
        channel.close();
    }

    /** Stops reading from the client: its writes fill the socket buffers and then wait. */
    public void stopReading() {
        channel.config().setAutoRead(false);
    }

    static void resumeIfStreaming(Channel channel) {
        Stream stream = channel.attr(STREAM).get();
        if (stream != null && channel.isWritable()) {
            stream.pump();
        }
    }

    static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + WS_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Stream {
        private final LongFunction<byte[]> chunk;
        private long next;
        private long sent;

        Stream(LongFunction<byte[]> chunk) {
            this.chunk = chunk;
        }

        void pump() {
            while (channel.isActive() && channel.isWritable() && sent < MisbehavingServer.STREAM_LIMIT_BYTES) {
                byte[] bytes = chunk.apply(next++);
                sent += bytes.length;
                server.countSent(bytes.length);
                ByteBuf buf = Unpooled.wrappedBuffer(bytes);
                channel.write(buf);
            }
            channel.flush();
        }
    }
}
