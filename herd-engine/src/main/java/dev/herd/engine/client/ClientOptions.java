package dev.herd.engine.client;

import dev.herd.engine.connect.ReconnectPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How herd's clients behave towards the target: headers, subprotocols, compression, TLS verification,
 * timeouts, the reconnect policy.
 *
 * @param headers extra request headers sent with the upgrade or the SSE request
 * @param subprotocols WebSocket subprotocols offered ({@code Sec-WebSocket-Protocol}), empty for none
 * @param permessageDeflate offer the permessage-deflate extension (RFC 7692)
 * @param insecure skip TLS certificate and host name verification
 * @param connectTimeout the most an attempt may take from start to open (all phases)
 * @param reconnect what a client does when its connection is lost or an attempt fails
 * @param maxFrameBytes the largest WebSocket message (after reassembly) or SSE event accepted
 * @param honourSseRetry wait at least the server's SSE {@code retry:} before reconnecting, as browsers do
 * @param seed seed of the random choices (reconnect jitter), so runs can be repeated
 */
public record ClientOptions(
        Map<String, String> headers,
        List<String> subprotocols,
        boolean permessageDeflate,
        boolean insecure,
        Duration connectTimeout,
        ReconnectPolicy reconnect,
        int maxFrameBytes,
        boolean honourSseRetry,
        long seed) {

    public ClientOptions {
        headers = Map.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive");
        }
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("max frame bytes must be positive");
        }
    }

    /** Defaults: no extra headers, no subprotocol, no compression, verified TLS, 10 s timeout, no reconnect. */
    public static ClientOptions defaults() {
        return new ClientOptions(Map.of(), List.of(), false, false, Duration.ofSeconds(10),
                ReconnectPolicy.none(), 1 << 20, true, 1L);
    }

    public ClientOptions withReconnect(ReconnectPolicy policy) {
        return new ClientOptions(headers, subprotocols, permessageDeflate, insecure, connectTimeout, policy,
                maxFrameBytes, honourSseRetry, seed);
    }

    public ClientOptions withSeed(long newSeed) {
        return new ClientOptions(headers, subprotocols, permessageDeflate, insecure, connectTimeout, reconnect,
                maxFrameBytes, honourSseRetry, newSeed);
    }
}
