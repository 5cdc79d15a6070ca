package dev.herd.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herd.engine.client.ClientOptions;
import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.result.RunResult;
import dev.herd.engine.scenario.MessageSpec;
import dev.herd.engine.scenario.Scenario;
import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.StageContext;
import dev.herd.engine.transport.Transport;
import dev.herd.broker.testing.Misbehaviour;
import dev.herd.broker.testing.MisbehavingServer;
import dev.herd.broker.testing.NettyLeaks;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A run closes every connection it opened before its event loops go, even when nothing can be closed politely and
 * the loops are busy when they are shut down: the conditions of {@link EventLoopShutdownTest}, end to end.
 */
class RunShutdownEndToEndTest {

    @Test
    void aRunAgainstATargetThatStopsReadingLeavesNoSocketOpenAndNoBufferUnreleased() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "counts this process's sockets in /proc");
        Transport.detect(); // loading the native transport opens a socket of its own, kept for the process's life
        long socketsBefore = openSockets();
        RunResult result;
        try (MisbehavingServer deaf = MisbehavingServer.start(Misbehaviour.UPGRADE_THEN_DEAF)) {
            // 16 KiB messages for a second: far more than the socket buffers hold, so the publisher's close frame
            // can never be written and its connection never closes politely.
            Scenario scenario = new Scenario("broadcast", TargetUrl.parse(deaf.wsUrl()), null, 3, 1, "topic-",
                    ClientOptions.defaults().withReconnect(ReconnectPolicy.none()),
                    MessageSpec.defaults().withSize(16 * 1024),
                    List.of(new Stage.Connect(Duration.ofMillis(100), false, 0),
                            new Stage.Publish(2000, Duration.ofSeconds(1), Duration.ofMillis(200)),
                            new BusyThroughShutdown()),
                    1);
            result = new Run(scenario, List.of()).execute();
        }

        assertThat(result.connections().established()).isEqualTo(3);
        assertThat(openSockets()).as("sockets of this process after the run").isEqualTo(socketsBefore);
        assertThat(NettyLeaks.collect()).isEmpty();
    }

    /** Keeps every loop running tasks until its shutdown has begun, and a thousand tasks more. */
    private static final class BusyThroughShutdown implements Stage {
        @Override
        public String name() {
            return "busy";
        }

        @Override
        public void execute(StageContext ctx) {
            for (EventExecutor loop : ctx.clients().group()) {
                loop.execute(new Busy((EventLoop) loop));
            }
        }
    }

    private static final class Busy implements Runnable {
        private final EventLoop loop;
        private int afterShutdown = 1000;

        Busy(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        public void run() {
            if (!loop.isShuttingDown() || --afterShutdown > 0) {
                try {
                    loop.execute(this);
                } catch (RejectedExecutionException e) {
                    // the loop has stopped taking tasks
                }
            }
        }
    }

    private static long openSockets() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        }
    }
}
