package dev.herd.cli.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs every real-server test makes, as herd command lines, and what is asserted of them: a broadcast through
 * the server's protocol that outlives the server's short keep-alive timeout with every message delivered, and a
 * run whose subscriptions the server refuses.
 *
 * <pre>{@code
 * HerdRun run = HerdRun.of(dir, RealServerRuns.broadcast(url, "--protocol", "mqtt"));
 * RealServerRuns.assertEveryMessageArrived(run, server);
 * }</pre>
 */
final class RealServerRuns {

    static final int TOPICS = 2;
    static final int SUBSCRIBERS = 50;
    static final int RATE = 100;
    /** Longer than every server's keep-alive timeout (1 to 4 s, servers/README.md): only a client that keeps its
     *  connections alive gets through it with none closed. */
    static final int SECONDS = 6;
    static final int REFUSED_SUBSCRIBERS = 5;

    private RealServerRuns() {
    }

    /** broadcast: 2 topics, 50 subscribers, 100 msg/s for 6 s, with the protocol's flags. */
    static String[] broadcast(String url, String... protocolFlags) {
        return broadcast(SECONDS, url, protocolFlags);
    }

    /** broadcast for a server whose keep-alive timeout needs a longer run to be outlived. */
    static String[] broadcast(int seconds, String url, String... protocolFlags) {
        return args(List.of("broadcast", "--url", url, "--topics", Integer.toString(TOPICS), "--subscribers",
                Integer.toString(SUBSCRIBERS), "--rate", Integer.toString(RATE), "--duration", seconds + "s",
                "--connect-within", "1s"), protocolFlags);
    }

    /**
     * A short broadcast whose 5 subscribers the server is to refuse, with flags that make it refuse them. They do not
     * reconnect (broadcast's default is to back off and retry), so each is refused once.
     */
    static String[] refused(String url, String... protocolFlags) {
        return args(List.of("broadcast", "--url", url, "--topics", "1", "--subscribers",
                Integer.toString(REFUSED_SUBSCRIBERS), "--rate", "10", "--duration", "2s", "--connect-within", "500ms",
                "--drain", "1s", "--reconnect", "none"), protocolFlags);
    }

    private static String[] args(List<String> common, String... protocolFlags) {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of(protocolFlags));
        return args.toArray(String[]::new);
    }

    /**
     * Every message reached every subscriber of its topic, every subscription was acknowledged, and the server
     * closed no connection although the run outlived its keep-alive timeout.
     */
    static void assertEveryMessageArrived(HerdRun run, RealServer server) {
        assertEveryMessageArrived(run, server, SECONDS);
    }

    /** The same, of a broadcast of {@code seconds}. */
    static void assertEveryMessageArrived(HerdRun run, RealServer server, int seconds) {
        String why = run.log() + "\n" + server.logTail();
        assertThat(run.exit()).as(why).isZero();
        assertThat(run.figure("messages.published")).as(why).isEqualTo((long) RATE * seconds);
        assertThat(run.figure("messages.expected")).as(why)
                .isEqualTo(run.figure("messages.published") * (SUBSCRIBERS / TOPICS));
        assertThat(run.figure("messages.received")).as(why).isEqualTo(run.figure("messages.expected"));
        assertThat(run.figure("messages.lost")).as(why).isZero();
        assertThat(run.figure("messages.duplicated")).as(why).isZero();
        assertThat(run.figure("connections.established")).as(why).isEqualTo(SUBSCRIBERS);
        assertThat(run.figure("connect.subscribe.count")).as(why).isEqualTo(SUBSCRIBERS);
        assertThat(run.figure("connections.subscriptions.acknowledged")).as(why).isEqualTo(SUBSCRIBERS);
        assertThat(run.figure("connections.closed_by_server")).as(why).isZero();
        assertThat(run.figure("connections.closed_by_error")).as(why).isZero();
    }

    /** The server refused every subscription during the subscribe phase, and herd counted each as rejected. */
    static void assertEverySubscriptionRejected(HerdRun run, RealServer server) {
        String why = run.log() + "\n" + server.logTail();
        // Not a usage error: herd understood the flags and ran (a run that receives nothing may exit 3).
        assertThat(run.exit()).as(why).isNotEqualTo(2);
        assertThat(run.figureOrZero("connections.failed_by_reason.subscribe_rejected")).as(why)
                .isEqualTo(REFUSED_SUBSCRIBERS);
        assertThat(run.figure("connections.subscriptions.acknowledged")).as(why).isZero();
        assertThat(run.figure("connections.established")).as(why).isZero();
        assertThat(run.figure("messages.lost")).as(why).isZero();
    }

    /** Every socket the server's process group listens on is on loopback, the server's own port among them. */
    static void assertListensOnLoopbackOnly(RealServer server) throws IOException {
        List<InetSocketAddress> sockets = server.listeningSockets();
        assertThat(sockets).as("%s listens on %s", server.name(), sockets)
                .extracting(InetSocketAddress::getPort).contains(server.port());
        assertThat(sockets).as("%s listens on %s", server.name(), sockets)
                .allSatisfy(s -> assertThat(s.getAddress().isLoopbackAddress()).as(s.toString()).isTrue());
    }
}
