package dev.herd.engine.connect;

/**
 * Why a connection attempt failed or an open connection ended abnormally, as counted in
 * {@code connections.failed_by_reason}. HTTP statuses are counted apart, as {@code http_<status>}.
 */
public enum FailureReason {
    /** The target refused the TCP connection (nothing listening: ECONNREFUSED). */
    REFUSED("refused"),
    /** A phase took longer than the connect timeout. */
    TIMEOUT("timeout"),
    /** The peer reset the connection (TCP RST). */
    RESET("reset"),
    /** The peer closed the connection before the phase completed. */
    CLOSED("closed"),
    /** The upgrade or SSE response had a status other than the one expected; see the status counts. */
    HTTP_STATUS("http_status"),
    /** The TLS handshake failed (certificate, protocol, alert). */
    TLS("tls"),
    /** The host name did not resolve. */
    DNS("dns"),
    /** This process ran out of file descriptors (EMFILE/ENFILE): a limit of the generator, not the target. */
    FD_EXHAUSTED("local_fd_exhausted"),
    /** No local ephemeral port was free for the source address (EADDRNOTAVAIL): a limit of the generator. */
    PORTS_EXHAUSTED("local_ports_exhausted"),
    /** The target broke the protocol (bad handshake response, malformed frame or event stream). */
    PROTOCOL("protocol"),
    /** Anything else; the first such error is logged. */
    OTHER("other");

    private static final FailureReason[] VALUES = values();

    private final String key;

    FailureReason(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** True when the generator itself, not the target, caused the failure. */
    public boolean isLocalLimit() {
        return this == FD_EXHAUSTED || this == PORTS_EXHAUSTED;
    }

    public static FailureReason ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }
}
