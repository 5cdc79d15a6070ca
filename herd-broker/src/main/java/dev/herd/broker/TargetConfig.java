package dev.herd.broker;

import dev.herd.broker.pubsub.SlowSubscriberPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The reference target's settings: immutable, validated when built. Every option is also a flag of
 * {@code herd target} (camelCase here, kebab-case there).
 *
 * <pre>{@code
 * TargetConfig config = TargetConfig.builder().bind("127.0.0.1").port(0).slowPolicy(SlowSubscriberPolicy.DROP).build();
 * }</pre>
 *
 * <p>{@link Builder#build()} throws {@link IllegalArgumentException} whose message starts with the option's
 * name, e.g. {@code "maxQueueBytes must be at least writeBufferHighWaterMark (65536), was 1024"}.
 */
public final class TargetConfig {

    /** {@link #maxConnections()} when no limit was set. */
    public static final int UNLIMITED_CONNECTIONS = Integer.MAX_VALUE;
    /** Loopback: the reference target is for tests and trials on this host. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final SlowSubscriberPolicy DEFAULT_SLOW_POLICY = SlowSubscriberPolicy.BUFFER;
    public static final long DEFAULT_MAX_QUEUE_BYTES = 4L << 20;
    public static final Duration DEFAULT_SLOW_TIMEOUT = Duration.ofSeconds(5);
    public static final long DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK = 64 << 10;
    public static final long DEFAULT_WRITE_BUFFER_LOW_WATER_MARK = 32 << 10;
    public static final Duration DEFAULT_DELAY = Duration.ZERO;
    public static final Duration DEFAULT_JITTER = Duration.ZERO;
    public static final int DEFAULT_REPLAY_SIZE = 1024;
    public static final Duration DEFAULT_SSE_RETRY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_SSE_HEARTBEAT = Duration.ofSeconds(15);
    public static final long DEFAULT_MAX_FRAME_BYTES = 64 << 10;
    public static final long DEFAULT_MAX_PUBLISH_BYTES = 1 << 20;
    /** OpenSSL when it loads, so that the target's own handshakes do not limit a TLS storm. */
    public static final TargetTlsProvider DEFAULT_TLS_PROVIDER = TargetTlsProvider.AUTO;
    public static final TargetClientAuth DEFAULT_TLS_CLIENT_AUTH = TargetClientAuth.NONE;
    public static final List<String> DEFAULT_TLS_VERSIONS = List.of("TLSv1.3", "TLSv1.2");

    private final String bind;
    private final int port;
    private final int threads;
    private final SlowSubscriberPolicy slowPolicy;
    private final long maxQueueBytes;
    private final Duration slowTimeout;
    private final int writeBufferHighWaterMark;
    private final int writeBufferLowWaterMark;
    private final Duration delay;
    private final Duration jitter;
    private final int maxConnections;
    private final int replaySize;
    private final Duration sseRetry;
    private final Duration sseHeartbeat;
    private final int maxFrameBytes;
    private final int maxPublishBytes;
    private final boolean echo;
    private final Path tlsKeystore;
    private final String tlsKeystorePassword;
    private final boolean reusePort;
    private final TargetTlsProvider tlsProvider;
    private final TargetClientAuth tlsClientAuth;
    private final Path tlsClientCa;
    private final List<String> tlsVersions;

    private TargetConfig(Builder b) {
        bind = b.bind;
        port = b.port;
        threads = b.threads;
        slowPolicy = b.slowPolicy;
        maxQueueBytes = b.maxQueueBytes;
        slowTimeout = b.slowTimeout;
        writeBufferHighWaterMark = (int) b.writeBufferHighWaterMark;
        writeBufferLowWaterMark = (int) b.writeBufferLowWaterMark;
        delay = b.delay;
        jitter = b.jitter;
        maxConnections = b.maxConnections;
        replaySize = b.replaySize;
        sseRetry = b.sseRetry;
        sseHeartbeat = b.sseHeartbeat;
        maxFrameBytes = (int) b.maxFrameBytes;
        maxPublishBytes = (int) b.maxPublishBytes;
        echo = b.echo;
        tlsKeystore = b.tlsKeystore;
        tlsKeystorePassword = b.tlsKeystorePassword;
        reusePort = b.reusePort;
        tlsProvider = b.tlsProvider;
        tlsClientAuth = b.tlsClientAuth;
        tlsClientCa = b.tlsClientCa;
        tlsVersions = List.copyOf(b.tlsVersions);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to derive a variant. */
    public Builder toBuilder() {
        return new Builder()
                .bind(bind).port(port).threads(threads).slowPolicy(slowPolicy).maxQueueBytes(maxQueueBytes)
                .slowTimeout(slowTimeout).writeBufferHighWaterMark(writeBufferHighWaterMark)
                .writeBufferLowWaterMark(writeBufferLowWaterMark).delay(delay).jitter(jitter)
                .maxConnections(maxConnections).replaySize(replaySize).sseRetry(sseRetry)
                .sseHeartbeat(sseHeartbeat).maxFrameBytes(maxFrameBytes).maxPublishBytes(maxPublishBytes).echo(echo)
                .tlsKeystore(tlsKeystore).tlsKeystorePassword(tlsKeystorePassword).reusePort(reusePort)
                .tlsProvider(tlsProvider).tlsClientAuth(tlsClientAuth).tlsClientCa(tlsClientCa)
                .tlsVersions(tlsVersions);
    }

    /**
     * Whether the listening socket sets {@code SO_REUSEPORT} (native epoll only): several target processes then
     * listen on one port and the kernel spreads new connections over them, so that together they hold more
     * connections than one process's open-files limit allows. Their topics are separate: for connection tests.
     */
    public boolean reusePort() {
        return reusePort;
    }

    /** Address to listen on. Default {@code 127.0.0.1}. */
    public String bind() {
        return bind;
    }

    /** Port to listen on; 0 picks a free one (read it back with {@link TargetServer#localAddress()}). Default 8080. */
    public int port() {
        return port;
    }

    /** Number of event loops. Default: the number of cores. */
    public int threads() {
        return threads;
    }

    /** What happens to a subscriber that reads too slowly. Default {@link SlowSubscriberPolicy#BUFFER}. */
    public SlowSubscriberPolicy slowPolicy() {
        return slowPolicy;
    }

    /** Most bytes one subscriber may have waiting in its outbound buffer. Default 4 MiB. */
    public long maxQueueBytes() {
        return maxQueueBytes;
    }

    /** Under {@link SlowSubscriberPolicy#DISCONNECT}, how long a channel may stay unwritable. Default 5 s. */
    public Duration slowTimeout() {
        return slowTimeout;
    }

    /** Pending outbound bytes above which a channel turns unwritable. Default 64 KiB. */
    public int writeBufferHighWaterMark() {
        return writeBufferHighWaterMark;
    }

    /** Pending outbound bytes below which an unwritable channel turns writable again. Default 32 KiB. */
    public int writeBufferLowWaterMark() {
        return writeBufferLowWaterMark;
    }

    /** Fixed delay between a publish and its delivery. Default 0. */
    public Duration delay() {
        return delay;
    }

    /** Upper bound (exclusive) of a uniform random delay added to {@link #delay()}. Default 0. */
    public Duration jitter() {
        return jitter;
    }

    /** Most connections open at once, all kinds; {@link #UNLIMITED_CONNECTIONS} by default. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Events kept per topic for SSE {@code Last-Event-ID} replay. Default 1024. */
    public int replaySize() {
        return replaySize;
    }

    /** The {@code retry:} an SSE stream announces on connect. Default 1 s. */
    public Duration sseRetry() {
        return sseRetry;
    }

    /** Period of SSE comment heartbeats. Default 15 s. */
    public Duration sseHeartbeat() {
        return sseHeartbeat;
    }

    /** Largest WebSocket message a client may send, fragments aggregated. Default 64 KiB. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Largest {@code POST /pub} body. Default 1 MiB. */
    public int maxPublishBytes() {
        return maxPublishBytes;
    }

    /** Whether a WebSocket client receives its own frames back. Default false. */
    public boolean echo() {
        return echo;
    }

    /**
     * The PKCS12 keystore holding the target's private key and certificate chain, or null (the default) for
     * plain TCP. When set, every connection starts with a TLS handshake: clients use {@code wss://} and
     * {@code https://}.
     */
    public Path tlsKeystore() {
        return tlsKeystore;
    }

    /** The password of {@link #tlsKeystore()} and of the key in it, or null. */
    public String tlsKeystorePassword() {
        return tlsKeystorePassword;
    }

    /** The TLS engine, {@link TargetTlsProvider#AUTO} (OpenSSL when it loads) by default. */
    public TargetTlsProvider tlsProvider() {
        return tlsProvider;
    }

    /** Whether TLS clients are asked for a certificate; {@link TargetClientAuth#NONE} by default. */
    public TargetClientAuth tlsClientAuth() {
        return tlsClientAuth;
    }

    /** The certificates (PEM) that vouch for client certificates, or null; required unless client auth is none. */
    public Path tlsClientCa() {
        return tlsClientCa;
    }

    /** The TLS versions served: {@code TLSv1.3} and {@code TLSv1.2} by default. */
    public List<String> tlsVersions() {
        return tlsVersions;
    }

    /** Whether connections are TLS ({@link #tlsKeystore()} is set). */
    public boolean tls() {
        return tlsKeystore != null;
    }

    @Override
    public String toString() {
        return "TargetConfig{bind=" + bind + ", port=" + port + ", threads=" + threads
                + ", slowPolicy=" + slowPolicy.jsonName() + ", maxQueueBytes=" + maxQueueBytes
                + ", slowTimeout=" + slowTimeout + ", writeBufferHighWaterMark=" + writeBufferHighWaterMark
                + ", writeBufferLowWaterMark=" + writeBufferLowWaterMark + ", delay=" + delay + ", jitter=" + jitter
                + ", maxConnections=" + (maxConnections == UNLIMITED_CONNECTIONS ? "unlimited" : maxConnections)
                + ", replaySize=" + replaySize + ", sseRetry=" + sseRetry + ", sseHeartbeat=" + sseHeartbeat
                + ", maxFrameBytes=" + maxFrameBytes + ", maxPublishBytes=" + maxPublishBytes + ", echo=" + echo
                + ", tlsKeystore=" + tlsKeystore + (tlsKeystore == null ? "" : ", tlsProvider=" + tlsProvider.key()
                + ", tlsClientAuth=" + tlsClientAuth.key() + ", tlsClientCa=" + tlsClientCa + ", tlsVersions="
                + tlsVersions) + ", reusePort=" + reusePort + '}'; // never the password
    }

    /** Mutable builder; {@link #build()} validates every option together. */
    public static final class Builder {
        /** A day: bounds every duration so that nanosecond arithmetic never overflows. */
        private static final Duration MAX_DURATION = Duration.ofDays(1);

        private String bind = DEFAULT_BIND;
        private int port = DEFAULT_PORT;
        private int threads = Runtime.getRuntime().availableProcessors();
        private SlowSubscriberPolicy slowPolicy = DEFAULT_SLOW_POLICY;
        private long maxQueueBytes = DEFAULT_MAX_QUEUE_BYTES;
        private Duration slowTimeout = DEFAULT_SLOW_TIMEOUT;
        private long writeBufferHighWaterMark = DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK;
        private long writeBufferLowWaterMark = DEFAULT_WRITE_BUFFER_LOW_WATER_MARK;
        private Duration delay = DEFAULT_DELAY;
        private Duration jitter = DEFAULT_JITTER;
        private boolean reusePort;
        private int maxConnections = UNLIMITED_CONNECTIONS;
        private int replaySize = DEFAULT_REPLAY_SIZE;
        private Duration sseRetry = DEFAULT_SSE_RETRY;
        private Duration sseHeartbeat = DEFAULT_SSE_HEARTBEAT;
        private long maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private long maxPublishBytes = DEFAULT_MAX_PUBLISH_BYTES;
        private boolean echo;
        private Path tlsKeystore;
        private String tlsKeystorePassword;
        private TargetTlsProvider tlsProvider = DEFAULT_TLS_PROVIDER;
        private TargetClientAuth tlsClientAuth = DEFAULT_TLS_CLIENT_AUTH;
        private Path tlsClientCa;
        private List<String> tlsVersions = DEFAULT_TLS_VERSIONS;

        private Builder() {
        }

        public Builder bind(String bind) {
            this.bind = bind;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder slowPolicy(SlowSubscriberPolicy slowPolicy) {
            this.slowPolicy = slowPolicy;
            return this;
        }

        public Builder maxQueueBytes(long maxQueueBytes) {
            this.maxQueueBytes = maxQueueBytes;
            return this;
        }

        public Builder slowTimeout(Duration slowTimeout) {
            this.slowTimeout = slowTimeout;
            return this;
        }

        public Builder writeBufferHighWaterMark(long bytes) {
            this.writeBufferHighWaterMark = bytes;
            return this;
        }

        public Builder writeBufferLowWaterMark(long bytes) {
            this.writeBufferLowWaterMark = bytes;
            return this;
        }

        public Builder delay(Duration delay) {
            this.delay = delay;
            return this;
        }

        public Builder jitter(Duration jitter) {
            this.jitter = jitter;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder replaySize(int replaySize) {
            this.replaySize = replaySize;
            return this;
        }

        public Builder sseRetry(Duration sseRetry) {
            this.sseRetry = sseRetry;
            return this;
        }

        public Builder sseHeartbeat(Duration sseHeartbeat) {
            this.sseHeartbeat = sseHeartbeat;
            return this;
        }

        public Builder maxFrameBytes(long maxFrameBytes) {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        public Builder maxPublishBytes(long maxPublishBytes) {
            this.maxPublishBytes = maxPublishBytes;
            return this;
        }

        public Builder echo(boolean echo) {
            this.echo = echo;
            return this;
        }

        public Builder tlsKeystore(Path keystore) {
            this.tlsKeystore = keystore;
            return this;
        }

        public Builder tlsKeystorePassword(String password) {
            this.tlsKeystorePassword = password;
            return this;
        }

        public Builder tlsProvider(TargetTlsProvider provider) {
            this.tlsProvider = provider;
            return this;
        }

        public Builder tlsClientAuth(TargetClientAuth clientAuth) {
            this.tlsClientAuth = clientAuth;
            return this;
        }

        public Builder tlsClientCa(Path certificates) {
            this.tlsClientCa = certificates;
            return this;
        }

        /** {@code TLSv1.3}, {@code TLSv1.2} (or {@code 1.3}, {@code 1.2}). */
        public Builder tlsVersions(List<String> versions) {
            this.tlsVersions = versions;
            return this;
        }

        public Builder reusePort(boolean reusePort) {
            this.reusePort = reusePort;
            return this;
        }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the first bad option. */
        public TargetConfig build() {
            check(bind != null && !bind.isBlank(), "bind must be an address, was '" + bind + "'");
            check(port >= 0 && port <= 65535, "port must be 0-65535, was " + port);
            check(threads >= 1 && threads <= 1024, "threads must be 1-1024, was " + threads);
            check(slowPolicy != null, "slowPolicy must be set");
            check(writeBufferHighWaterMark >= 1 && writeBufferHighWaterMark <= Integer.MAX_VALUE,
                    "writeBufferHighWaterMark must be 1 B-2 GiB, was " + writeBufferHighWaterMark);
            check(writeBufferLowWaterMark >= 0 && writeBufferLowWaterMark <= writeBufferHighWaterMark,
                    "writeBufferLowWaterMark must be at most writeBufferHighWaterMark (" + writeBufferHighWaterMark
                            + "), was " + writeBufferLowWaterMark);
            check(maxQueueBytes >= writeBufferHighWaterMark,
                    "maxQueueBytes must be at least writeBufferHighWaterMark (" + writeBufferHighWaterMark
                            + "), was " + maxQueueBytes);
            checkDuration(slowTimeout, "slowTimeout", false);
            checkDuration(delay, "delay", true);
            checkDuration(jitter, "jitter", true);
            check(maxConnections >= 1, "maxConnections must be at least 1, was " + maxConnections);
            check(replaySize >= 1 && replaySize <= 1_000_000, "replaySize must be 1-1000000, was " + replaySize);
            checkDuration(sseRetry, "sseRetry", true);
            checkDuration(sseHeartbeat, "sseHeartbeat", false);
            check(maxFrameBytes >= 1 && maxFrameBytes <= Integer.MAX_VALUE,
                    "maxFrameBytes must be 1 B-2 GiB, was " + maxFrameBytes);
            check(maxPublishBytes >= 1 && maxPublishBytes <= Integer.MAX_VALUE,
                    "maxPublishBytes must be 1 B-2 GiB, was " + maxPublishBytes);
            checkTls();
            return new TargetConfig(this);
        }

        /** Opens the keystore now, so that a wrong path or password is a configuration error, not a failed start. */
        private void checkTls() {
            check(tlsProvider != null, "tlsProvider must be set");
            check(tlsClientAuth != null, "tlsClientAuth must be set");
            tlsVersions = normalizedVersions(tlsVersions);
            if (tlsKeystore == null) {
                check(tlsKeystorePassword == null, "tlsKeystorePassword is set, but tlsKeystore is not");
                check(tlsClientCa == null, "tlsClientCa is set, but tlsKeystore is not (client certificates are "
                        + "asked for in a TLS handshake)");
                check(tlsClientAuth == TargetClientAuth.NONE, "tlsClientAuth is " + tlsClientAuth.key()
                        + ", but tlsKeystore is not set");
                return;
            }
            check(tlsClientAuth == TargetClientAuth.NONE || tlsClientCa != null, "tlsClientAuth "
                    + tlsClientAuth.key() + " needs tlsClientCa (the certificates that vouch for clients)");
            if (tlsClientCa != null) {
                try {
                    TargetTls.clientAuthorities(tlsClientCa);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("tlsClientCa " + tlsClientCa + " " + e.getMessage());
                }
            }
            if (tlsProvider == TargetTlsProvider.OPENSSL && !io.netty.handler.ssl.OpenSsl.isAvailable()) {
                throw new IllegalArgumentException("tlsProvider openssl: OpenSSL (netty-tcnative) does not load "
                        + "here (" + io.netty.handler.ssl.OpenSsl.unavailabilityCause() + ")");
            }
            check(tlsKeystorePassword != null, "tlsKeystorePassword must be set with tlsKeystore");
            TargetTls.Problem problem = TargetTls.check(tlsKeystore, tlsKeystorePassword);
            switch (problem) {
                case NONE -> { }
                case UNREADABLE -> throw new IllegalArgumentException("tlsKeystore " + tlsKeystore
                        + " does not exist or cannot be read");
                case NOT_PKCS12 -> throw new IllegalArgumentException("tlsKeystore " + tlsKeystore
                        + " is not a PKCS12 keystore");
                case WRONG_PASSWORD -> throw new IllegalArgumentException("tlsKeystorePassword does not open "
                        + "tlsKeystore " + tlsKeystore);
                case NO_PRIVATE_KEY -> throw new IllegalArgumentException("tlsKeystore " + tlsKeystore
                        + " holds no private key with a certificate (make one with keytool -genkeypair)");
            }
        }

        /** {@code TLSv1.3}, {@code 1.3} and the like as the JDK names them; only 1.2 and 1.3. */
        private static List<String> normalizedVersions(List<String> given) {
            check(given != null && !given.isEmpty(), "tlsVersions must name at least one version (TLSv1.3, TLSv1.2)");
            java.util.Set<String> out = new java.util.LinkedHashSet<>();
            for (String v : given) {
                String s = v.strip().toLowerCase(java.util.Locale.ROOT).replace("tlsv", "").replace("tls", "");
                switch (s) {
                    case "1.3" -> out.add("TLSv1.3");
                    case "1.2" -> out.add("TLSv1.2");
                    default -> throw new IllegalArgumentException("tlsVersions: '" + v.strip()
                            + "' is not a version the target serves (TLSv1.3, TLSv1.2)");
                }
            }
            return List.copyOf(out);
        }

        private static void checkDuration(Duration value, String option, boolean zeroAllowed) {
            check(value != null, option + " must be set");
            boolean lowOk = zeroAllowed ? !value.isNegative() : value.compareTo(Duration.ofMillis(1)) >= 0;
            check(lowOk && value.compareTo(MAX_DURATION) <= 0,
                    option + " must be " + (zeroAllowed ? "0" : "1ms") + "-1d, was " + value);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
