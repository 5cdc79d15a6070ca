package dev.herd.engine.client;

import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.feeder.Feeder;
import dev.herd.engine.protocol.RawProtocol;
import dev.herd.engine.protocol.WireProtocol;
import dev.herd.engine.tls.TlsOptions;
import java.net.InetAddress;
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
 * @param trust certificates to trust instead of the JDK's default authorities (verification stays on), or null
 * @param connectTimeout the most an attempt may take from start to open (all phases)
 * @param reconnect what a client does when its connection is lost or an attempt fails
 * @param maxFrameBytes the largest WebSocket message (after reassembly) or SSE event accepted
 * @param honourSseRetry wait at least the server's SSE {@code retry:} before reconnecting, as browsers do
 * @param seed seed of the random choices (reconnect jitter), so runs can be repeated
 * @param sourceAddresses local addresses client sockets bind to, in turn (empty: the system chooses)
 * @param receiveBudgetBytes what all connections together may hold in partly received messages beyond a small
 *                           allowance each ({@link dev.herd.engine.receive.ReceiveBudget})
 * @param protocol what each WebSocket speaks once upgraded ({@link RawProtocol} by default)
 * @param feeder per-client values for placeholders in URLs, header values and frames, or null
 * @param tls how {@code wss://} and {@code https://} connections speak TLS: provider, resumption, client certificate,
 *            server name, versions, ALPN ({@link TlsOptions})
 */
public record ClientOptions(
        Map<String, String> headers,
        List<String> subprotocols,
        boolean permessageDeflate,
        boolean insecure,
        TrustMaterial trust,
        Duration connectTimeout,
        ReconnectPolicy reconnect,
        int maxFrameBytes,
        boolean honourSseRetry,
        long seed,
        List<InetAddress> sourceAddresses,
        long receiveBudgetBytes,
        WireProtocol protocol,
        Feeder feeder,
        TlsOptions tls) {

    public ClientOptions {
        java.util.Objects.requireNonNull(protocol, "protocol");
        java.util.Objects.requireNonNull(tls, "tls");
        headers = Map.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
        sourceAddresses = List.copyOf(sourceAddresses);
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive");
        }
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("max frame bytes must be positive");
        }
        if (receiveBudgetBytes < 0) {
            throw new IllegalArgumentException("the receive budget must not be negative");
        }
        ClientPlaceholders.check(protocol, feeder, headers);
        if (tls.clientCert() != null) {
            ClientPlaceholders.checkUrl("client_cert (--client-cert)", tls.clientCert(), feeder);
        }
        if (tls.clientKey() != null) {
            ClientPlaceholders.checkUrl("client_key (--client-key)", tls.clientKey(), feeder);
        }
    }

    /** The options with TLS as browsers speak it ({@link TlsOptions#defaults()}). */
    public ClientOptions(Map<String, String> headers, List<String> subprotocols, boolean permessageDeflate,
                         boolean insecure, TrustMaterial trust, Duration connectTimeout, ReconnectPolicy reconnect,
                         int maxFrameBytes, boolean honourSseRetry, long seed, List<InetAddress> sourceAddresses,
                         long receiveBudgetBytes, WireProtocol protocol, Feeder feeder) {
        this(headers, subprotocols, permessageDeflate, insecure, trust, connectTimeout, reconnect, maxFrameBytes,
                honourSseRetry, seed, sourceAddresses, receiveBudgetBytes, protocol, feeder, TlsOptions.defaults());
    }

    /** The options without a protocol or feeder (raw WebSocket, one identity). */
    public ClientOptions(Map<String, String> headers, List<String> subprotocols, boolean permessageDeflate,
                         boolean insecure, TrustMaterial trust, Duration connectTimeout, ReconnectPolicy reconnect,
                         int maxFrameBytes, boolean honourSseRetry, long seed, List<InetAddress> sourceAddresses,
                         long receiveBudgetBytes) {
        this(headers, subprotocols, permessageDeflate, insecure, trust, connectTimeout, reconnect, maxFrameBytes,
                honourSseRetry, seed, sourceAddresses, receiveBudgetBytes, RawProtocol.INSTANCE, null);
    }

    /**
     * Defaults: no extra headers, no subprotocol, no compression, TLS verified against the JDK's authorities,
     * 10 s timeout, no reconnect.
     */
    public static ClientOptions defaults() {
        return new ClientOptions(Map.of(), List.of(), false, false, null, Duration.ofSeconds(10),
                ReconnectPolicy.none(), 1 << 20, true, 1L, List.of(),
                dev.herd.engine.receive.ReceiveBudget.defaultBytes());
    }

    public ClientOptions withReconnect(ReconnectPolicy policy) {
        return new ClientOptions(headers, subprotocols, permessageDeflate, insecure, trust, connectTimeout, policy,
                maxFrameBytes, honourSseRetry, seed, sourceAddresses, receiveBudgetBytes, protocol, feeder, tls);
    }

    public ClientOptions withSeed(long newSeed) {
        return new ClientOptions(headers, subprotocols, permessageDeflate, insecure, trust, connectTimeout, reconnect,
                maxFrameBytes, honourSseRetry, newSeed, sourceAddresses, receiveBudgetBytes, protocol, feeder, tls);
    }

    /** Offers permessage-deflate (RFC 7692) on every WebSocket, or not. */
    public ClientOptions withPermessageDeflate(boolean offer) {
        return new ClientOptions(headers, subprotocols, offer, insecure, trust, connectTimeout, reconnect,
                maxFrameBytes, honourSseRetry, seed, sourceAddresses, receiveBudgetBytes, protocol, feeder, tls);
    }

    /** Skips certificate and host name verification ({@code true}), or verifies ({@code false}). */
    public ClientOptions withInsecure(boolean skipVerification) {
        return new ClientOptions(headers, subprotocols, permessageDeflate, skipVerification, trust, connectTimeout,
                reconnect, maxFrameBytes, honourSseRetry, seed, sourceAddresses, receiveBudgetBytes, protocol, feeder, tls);
    }

    /**
     * Binds client sockets to these local addresses, in turn (client i uses address i mod n), e.g. 127.0.0.2 …
     * 127.0.0.5: each source address has its own range of ephemeral ports, so one host can open more connections to
     * one target than one address's ~28,000 ports allow. Empty: the system chooses.
     */
    public ClientOptions withSourceAddresses(List<InetAddress> addresses) {
        return new ClientOptions(headers, subprotocols, permessageDeflate, insecure, trust, connectTimeout, reconnect,
                maxFrameBytes, honourSseRetry, seed, addresses, receiveBudgetBytes, protocol, feeder, tls);
    }

    /** Like a record's, with header values masked: options may be logged. */
    @Override
    public String toString() {
        java.util.Map<String, String> masked = new java.util.LinkedHashMap<>();
        headers.keySet().forEach(name -> masked.put(name, dev.herd.engine.secret.Redactor.MASK));
        return "ClientOptions[headers=" + masked + ", subprotocols=" + subprotocols + ", permessageDeflate="
                + permessageDeflate + ", insecure=" + insecure + ", connectTimeout=" + connectTimeout + ", reconnect="
                + reconnect + ", maxFrameBytes=" + maxFrameBytes + ", seed=" + seed + ", sourceAddresses="
                + sourceAddresses + ", receiveBudgetBytes=" + receiveBudgetBytes + ", protocol=" + protocol.name()
                + ", feeder=" + feeder + ", tls=" + tls + "]";
    }

    /** Lets all connections together hold this many bytes of partly received messages (beyond each one's allowance). */
    public ClientOptions withReceiveBudget(long bytes) {
        return new ClientOptions(headers, subprotocols, permessageDeflate, insecure, trust, connectTimeout, reconnect,
                maxFrameBytes, honourSseRetry, seed, sourceAddresses, bytes, protocol, feeder, tls);
    }

    /** Speaks {@code newProtocol} over every WebSocket once upgraded. */
    public ClientOptions withProtocol(WireProtocol newProtocol) {
        return new ClientOptions(headers, subprotocols, permessageDeflate, insecure, trust, connectTimeout, reconnect,
                maxFrameBytes, honourSseRetry, seed, sourceAddresses, receiveBudgetBytes, newProtocol, feeder, tls);
    }

    /** Gives each client its row of {@code newFeeder} (null: none). */
    public ClientOptions withFeeder(Feeder newFeeder) {
        return new ClientOptions(headers, subprotocols, permessageDeflate, insecure, trust, connectTimeout, reconnect,
                maxFrameBytes, honourSseRetry, seed, sourceAddresses, receiveBudgetBytes, protocol, newFeeder, tls);
    }

    /** Speaks TLS as {@code newTls} says (provider, resumption, client certificate, …). */
    public ClientOptions withTls(TlsOptions newTls) {
        return new ClientOptions(headers, subprotocols, permessageDeflate, insecure, trust, connectTimeout, reconnect,
                maxFrameBytes, honourSseRetry, seed, sourceAddresses, receiveBudgetBytes, protocol, feeder, newTls);
    }

    /** Trusts {@code material} instead of the JDK's default authorities (null: the defaults again). */
    public ClientOptions withTrust(TrustMaterial material) {
        return new ClientOptions(headers, subprotocols, permessageDeflate, insecure, material, connectTimeout,
                reconnect, maxFrameBytes, honourSseRetry, seed, sourceAddresses, receiveBudgetBytes, protocol, feeder, tls);
    }
}
