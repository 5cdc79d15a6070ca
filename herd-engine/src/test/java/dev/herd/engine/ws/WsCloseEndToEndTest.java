package dev.herd.engine.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.testing.Scenarios;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * When a run ends, every open herd WebSocket client sends one close frame with status 1000 through its whole
 * pipeline (RFC 6455 §5.5.1, masked as the server's decoder requires) before its connection closes: checked against a
 * tiny Netty server that keeps every close frame it reads, by connection.
 */
class WsCloseEndToEndTest {

    private static final int CLIENTS = 5;

    @Test
    void everyClientEndsWithOneNormalClosure() throws Exception {
        ClosingServer server = new ClosingServer();
        try {
            int port = server.start();
            RunResult r = Scenarios.run(Scenarios.scenario("close", "ws://127.0.0.1:" + port + "/ws/{topic}", null,
                    CLIENTS, 1, ReconnectPolicy.none(),
                    List.of(new Stage.Connect(Duration.ofMillis(100), false, 0),
                            new Stage.Hold(Duration.ofMillis(300)))));

            assertThat(r.connections().established()).isEqualTo(CLIENTS);
            // The run returns once herd's sockets are closed; the server reads what was sent on its own loop, later.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.closes).hasSize(CLIENTS));
            assertThat(server.closes).allSatisfy(c -> assertThat(c).isEqualTo("1000 ''"));
            assertThat(server.connectionsClosingWithOne()).isEqualTo(CLIENTS);
        } finally {
            server.stop();
        }
    }

    /** Keeps the status and reason of every close frame it reads, and which connection sent it. */
    private static final class ClosingServer {
        final Queue<String> closes = new ConcurrentLinkedQueue<>();
        final Queue<Channel> closedBy = new ConcurrentLinkedQueue<>();
        private final TinyWsServer server = new TinyWsServer();

        int start() {
            return server.start(config -> config.handleCloseFrames(false), CloseKeeper::new); // closes to the keeper
        }

        long connectionsClosingWithOne() {
            return closedBy.stream().distinct().count();
        }

        void stop() {
            server.stop();
        }

        private final class CloseKeeper extends SimpleChannelInboundHandler<WebSocketFrame> {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                if (frame instanceof CloseWebSocketFrame close) {
                    closes.add(close.statusCode() + " '" + close.reasonText() + "'");
                    closedBy.add(ctx.channel());
                }
            }
        }
    }
}
