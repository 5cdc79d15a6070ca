package dev.herd.engine.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.testing.Scenarios;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * herd's WebSocket client answers every ping with a pong carrying the ping's payload (RFC 6455 §5.5.3), checked
 * against a tiny Netty server that pings each connection once its handshake is done.
 */
class WsPingEndToEndTest {

    private static final int CLIENTS = 5;

    @Test
    void everyPingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
        PingingServer server = new PingingServer();
        try {
            int port = server.start();
            RunResult r = Scenarios.run(Scenarios.scenario("ping", "ws://127.0.0.1:" + port + "/ws/{topic}", null,
                    CLIENTS, 1, ReconnectPolicy.none(),
                    List.of(new Stage.Connect(Duration.ofMillis(100), false, 0), new Stage.Hold(Duration.ofSeconds(1)))));

            assertThat(r.connections().established()).isEqualTo(CLIENTS);
            assertThat(server.pingsSent.get()).isEqualTo(CLIENTS);
            assertThat(server.pongs).hasSize(CLIENTS);
            server.pongs.forEach((sent, received) -> assertThat(received).isEqualTo(sent));
        } finally {
            server.stop();
        }
    }

    /** Pings every client with a payload of its own, and keeps the payload of the pong that comes back. */
    private static final class PingingServer {
        final AtomicInteger pingsSent = new AtomicInteger();
        /** Ping payload sent to a connection -> pong payload received on it. */
        final Map<String, String> pongs = new ConcurrentHashMap<>();
        private final TinyWsServer server = new TinyWsServer();

        int start() {
            return server.start(config -> config.dropPongFrames(false), Pinger::new); // pongs to the handler below
        }

        void stop() {
            server.stop();
        }

        private final class Pinger extends SimpleChannelInboundHandler<WebSocketFrame> {
            private String sent;

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                    sent = "ping-" + pingsSent.incrementAndGet() + "-" + ctx.channel().remoteAddress();
                    ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer(sent, StandardCharsets.UTF_8)));
                }
                super.userEventTriggered(ctx, evt);
            }

            @Override
            protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                if (frame instanceof PongWebSocketFrame pong && sent != null) {
                    pongs.put(sent, pong.content().toString(StandardCharsets.UTF_8));
                }
            }
        }
    }
}
