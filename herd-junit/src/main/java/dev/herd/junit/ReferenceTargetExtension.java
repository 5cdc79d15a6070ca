package dev.herd.junit;

import dev.herd.broker.TargetConfig;
import dev.herd.broker.TargetServer;
import dev.herd.broker.TargetStats;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * herd's reference target for the tests of one class: a pub/sub broker with WebSocket and SSE subscribers started on
 * a free loopback port before the class's first test and stopped after its last (docs/target.md).
 *
 * <pre>{@code
 * @RegisterExtension
 * static ReferenceTargetExtension target = new ReferenceTargetExtension();
 *
 * @Test
 * void everyMessageArrives() {
 *     RunResult result = Herd.broadcast().url(target.webSocketUrl()).subscribers(100).run();
 *     HerdAssertions.assertThat(result).lostNothing().passed();
 * }
 * }</pre>
 *
 * <p>Register it on a static field so that one target serves every test of the class; the target's options (a
 * delivery delay, a slow-subscriber policy, a connection limit) are given with {@link #ReferenceTargetExtension(
 * UnaryOperator)}.
 */
public final class ReferenceTargetExtension implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<TargetConfig.Builder> options;
    private TargetServer server;

    /** The reference target with its defaults, on a free loopback port. */
    public ReferenceTargetExtension() {
        this(b -> b);
    }

    /** The reference target with these options, e.g. {@code b -> b.delay(Duration.ofMillis(20))}. */
    public ReferenceTargetExtension(UnaryOperator<TargetConfig.Builder> options) {
        this.options = options;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Port 0 on loopback: the system picks a free port, so test classes never collide.
        server = TargetServer.start(options.apply(TargetConfig.builder()).bind("127.0.0.1").port(0).build());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The port the target listens on (loopback). */
    public int port() {
        return running().localAddress().getPort();
    }

    /** Its WebSocket subscribe URL template: {@code ws://127.0.0.1:PORT/ws/{topic}}. */
    public String webSocketUrl() {
        return "ws://127.0.0.1:" + port() + "/ws/{topic}";
    }

    /** Its SSE subscribe URL template: {@code http://127.0.0.1:PORT/sse/{topic}}. */
    public String sseUrl() {
        return "http://127.0.0.1:" + port() + "/sse/{topic}";
    }

    /** Its HTTP publish URL template: {@code http://127.0.0.1:PORT/pub/{topic}}. */
    public String publishUrl() {
        return "http://127.0.0.1:" + port() + "/pub/{topic}";
    }

    /** The options the target runs with. */
    public TargetConfig config() {
        return running().config();
    }

    /** What the target counts now: connections, messages in and out, drops, disconnects. */
    public TargetStats stats() {
        return running().stats();
    }

    private TargetServer running() {
        if (server == null) {
            throw new IllegalStateException("the reference target runs only during a test class: register the "
                    + "extension on a static field with @RegisterExtension");
        }
        return server;
    }
}
