package dev.herd.engine.client;

import dev.herd.engine.clock.RunClock;
import dev.herd.engine.connect.ReconnectPolicy;
import dev.herd.engine.metrics.RunMetrics;
import dev.herd.engine.receive.ReceiveBudget;
import dev.herd.engine.transport.Transport;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketChannelConfig;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import dev.herd.engine.tls.ClientTls;
import java.util.List;

/**
 * What every client of a run shares: the clock, the run id, options, metrics, the event loops, the
 * bootstrap template, TLS and the resolver. Immutable after construction, so any loop may read it.
 *
 * <p>TLS ({@link ClientTls}) uses OpenSSL or the JDK's provider ({@link ClientOptions#tls()}). Certificates and host
 * names are verified against the JDK's authorities, or against {@link ClientOptions#trust()} when given;
 * {@link ClientOptions#insecure()} turns verification off (and wins over {@code trust}).
 */
public final class ClientContext {

    private static final ReconnectPolicy PUBLISHER_RECONNECT =
            ReconnectPolicy.exponential(java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(1), 0);

    private final RunClock clock;
    private final long runId;
    private final ClientOptions options;
    private final RunMetrics metrics;
    private final EventLoopGroup group;
    private final HostResolver resolver;
    private final ConnectionGauge gauge = new ConnectionGauge();
    private final ReceiveBudget receiveBudget;
    private final List<String> topicNames;
    private final Transport transport;
    private final AdaptiveRecvByteBufAllocator readSizing;
    private final int expectedClients;
    private volatile ClientTls tls;
    private final HttpHeaders upgradeHeaders;
    private final String subprotocolsHeader;
    private final boolean headersPerClient;
    private final AttemptUris attemptUris;
    private volatile SessionEvents events = SessionEvents.NONE;

    public ClientContext(RunClock clock, long runId, ClientOptions options, RunMetrics metrics, EventLoopGroup group,
                         Transport transport, HostResolver resolver, List<String> topicNames) {
        this(clock, runId, options, metrics, group, transport, resolver, topicNames, 0);
    }

    /** {@code expectedClients}: about how many clients the run has (TLS keeps a session for each). */
    public ClientContext(RunClock clock, long runId, ClientOptions options, RunMetrics metrics, EventLoopGroup group,
                         Transport transport, HostResolver resolver, List<String> topicNames, int expectedClients) {
        this.clock = clock;
        this.runId = runId;
        this.options = options;
        this.metrics = metrics;
        this.group = group;
        this.resolver = resolver;
        this.topicNames = List.copyOf(topicNames);
        this.attemptUris = new AttemptUris(this.topicNames.size());
        this.receiveBudget = new ReceiveBudget(options.receiveBudgetBytes());
        this.transport = transport;
        // One read-sizing policy for every connection; each channel keeps only its own sizing state (Netty would
        // otherwise make a policy object per channel).
        this.readSizing = new AdaptiveRecvByteBufAllocator();
        this.expectedClients = expectedClients;
        // Built once and shared by every WebSocket upgrade (each request is written from them).
        HttpHeaders headers = new DefaultHttpHeaders();
        options.headers().forEach(headers::add);
        this.upgradeHeaders = headers;
        this.headersPerClient = options.headers().values().stream().anyMatch(ClientPlaceholders::hasPlaceholders);
        // The protocol's own offer first (a server picks the first it speaks), then what the run adds.
        java.util.Set<String> offer = new java.util.LinkedHashSet<>(options.protocol().subprotocols());
        offer.addAll(options.subprotocols());
        this.subprotocolsHeader = offer.isEmpty() ? null : String.join(",", offer);
    }

    /** The URI of each connection attempt, made once per topic where the URL allows. */
    public AttemptUris attemptUris() {
        return attemptUris;
    }

    /**
     * A new channel for one connection attempt, set as every connection of the run is (no Nagle, the shared read
     * sizing, no connect timeout of Netty's: the attempt's own covers every phase) and not yet registered. Made
     * without a bootstrap: a bootstrap per attempt copied option and attribute maps and built its channel by
     * reflection.
     */
    public SocketChannel newChannel() {
        SocketChannel ch = transport.newSocketChannel();
        SocketChannelConfig config = ch.config();
        config.setTcpNoDelay(true);
        config.setRecvByteBufAllocator(readSizing);
        config.setConnectTimeoutMillis(0);
        Transport.prepare(ch); // before the connection completes, hence before its first read
        return ch;
    }

    public RunClock clock() {
        return clock;
    }

    public long runId() {
        return runId;
    }

    public ClientOptions options() {
        return options;
    }

    public RunMetrics metrics() {
        return metrics;
    }

    public EventLoopGroup group() {
        return group;
    }

    public HostResolver resolver() {
        return resolver;
    }

    public ConnectionGauge gauge() {
        return gauge;
    }

    /** What the run's connections together may hold in partly received messages. */
    public ReceiveBudget receiveBudget() {
        return receiveBudget;
    }

    /** The extra headers of every WebSocket upgrade request; shared, never modified. */
    public HttpHeaders upgradeHeaders() {
        return upgradeHeaders;
    }

    /** True when a header value holds a per-client placeholder: each client then builds its own headers. */
    public boolean headersPerClient() {
        return headersPerClient;
    }

    /** The {@code Sec-WebSocket-Protocol} offer (the protocol's, then the run's), or null for none. */
    public String subprotocolsHeader() {
        return subprotocolsHeader;
    }

    /**
     * The clients' TLS, made when the first {@code wss://} or {@code https://} client asks for it (a run over plain
     * TCP never loads a TLS provider). First called where sessions are made, never on an event loop; any thread after.
     */
    public ClientTls tls() {
        ClientTls made = tls;
        if (made != null) {
            return made;
        }
        synchronized (this) {
            if (tls == null) {
                tls = new ClientTls(options.tls(), options.trust(), options.insecure(), expectedClients);
            }
            return tls;
        }
    }

    public String topicName(int topicIndex) {
        return topicNames.get(topicIndex);
    }

    public int topicCount() {
        return topicNames.size();
    }

    /**
     * Publishers reconnect quickly whatever the subscribers' policy: they are herd's plumbing, and a
     * publisher that stays away would make every subscriber's figures about the publisher instead.
     */
    public ReconnectPolicy publisherReconnect() {
        return PUBLISHER_RECONNECT;
    }

    public SessionEvents events() {
        return events;
    }

    public void events(SessionEvents newEvents) {
        this.events = newEvents == null ? SessionEvents.NONE : newEvents;
    }
}
