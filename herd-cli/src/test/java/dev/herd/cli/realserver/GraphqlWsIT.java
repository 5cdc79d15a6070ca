package dev.herd.cli.realserver;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * herd's {@code graphql-ws} protocol against a graphql-transport-ws server (servers/graphql-ws): subscriptions over
 * WebSocket, publishes as GraphQL mutations over HTTP POST, while the server pings every second and drops a socket
 * that has not answered within a second; and a connection it refuses (connection_init {"token":"bad"}: close
 * 4403).
 */
class GraphqlWsIT {

    private static final String SUBSCRIPTION = "query=subscription($topic:String!){messages(topic:$topic)}";
    private static final String PUBLISH = "{\"query\":\"mutation($t:String!,$d:String!){publish(topic:$t,data:$d)}\","
            + "\"variables\":{\"t\":\"{{topic}}\",\"d\":\"{{stamp}}{{padding}}\"}}";

    @RegisterExtension
    static final RealServer graphql = RealServer.named("graphql-ws");

    @TempDir
    Path dir;

    private String url() {
        return "ws://127.0.0.1:" + graphql.port() + "/graphql";
    }

    @Test
    void everyMessageArrivesAndPongsKeepTheSocketsPastTheKeepAlive() throws Exception {
        HerdRun run = HerdRun.of(dir, RealServerRuns.broadcast(url(), "--protocol", "graphql-ws",
                "--protocol-option", SUBSCRIPTION, "--protocol-option", "variables={\"topic\":\"{{topic}}\"}",
                "--publish-url", "http://127.0.0.1:" + graphql.port() + "/graphql",
                "--content-type", "application/json", "--template", PUBLISH));
        RealServerRuns.assertEveryMessageArrived(run, graphql);
    }

    @Test
    void aRefusedConnectionInitCountsAsRejected() throws Exception {
        HerdRun run = HerdRun.of(dir, RealServerRuns.refused(url(), "--protocol", "graphql-ws",
                "--protocol-option", SUBSCRIPTION, "--protocol-option", "variables={\"topic\":\"{{topic}}\"}",
                "--protocol-option", "connection_payload={\"token\":\"bad\"}",
                "--publish-url", "http://127.0.0.1:" + graphql.port() + "/graphql",
                "--content-type", "application/json", "--template", PUBLISH));
        RealServerRuns.assertEverySubscriptionRejected(run, graphql);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        RealServerRuns.assertListensOnLoopbackOnly(graphql);
    }
}
