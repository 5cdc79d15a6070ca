package dev.herd.engine.connect;

/**
 * Why a connection attempt failed ({@code connections.failed_by_reason}, by phase in {@code failed_by_phase}) or why
 * an open connection ended without herd ending it ({@code connections.closed_by_reason}). HTTP statuses are counted
 * apart, as {@code http_<status>}. Every end a target can cause has a name here: {@link #OTHER} is for what herd does
 * not recognise and is logged.
 */
public enum FailureReason {
    /** The target refused the TCP connection (nothing listening: ECONNREFUSED). */
    REFUSED("refused"),
    /** A phase took longer than the connect timeout. */
    TIMEOUT("timeout"),
    /** The peer reset the connection (TCP RST). */
    RESET("reset"),
    /**
     * The peer closed the connection (TCP FIN) before the phase completed, or, for an open connection, without a
     * WebSocket close frame (for SSE: the stream ended).
     */
    CLOSED("closed"),
    /** An open WebSocket the target ended with a close frame (its codes are in {@code close_codes}). */
    CLOSE_FRAME("close_frame"),
    /** The upgrade or SSE response had a status other than the one expected; see the status counts. */
    HTTP_STATUS("http_status"),
    /** The TLS handshake failed for a reason not named below (an alert, no common cipher, a peer not speaking TLS). */
    TLS("tls"),
    /** The server's certificate does not chain to an authority herd trusts (the JDK's, or {@code --trust-cert}). */
    TLS_UNTRUSTED("tls_untrusted"),
    /** The server's certificate is trusted but not for the host name of the URL (or of {@code --sni}). */
    TLS_HOSTNAME("tls_hostname"),
    /** A certificate of the server's chain has expired (or is not valid yet). */
    TLS_EXPIRED("tls_expired"),
    /** The TLS handshake did not complete within the connect timeout. */
    TLS_TIMEOUT("tls_timeout"),
    /** Client and server have no TLS version in common ({@code --tls-versions}). */
    TLS_PROTOCOL_VERSION("tls_protocol_version"),
    /** The server refused herd's client certificate, or wanted one and got none (mutual TLS). */
    TLS_CLIENT_CERT_REFUSED("tls_client_cert_refused"),
    /** The host name did not resolve. */
    DNS("dns"),
    /** This process ran out of file descriptors (EMFILE/ENFILE): a limit of the generator, not the target. */
    FD_EXHAUSTED("local_fd_exhausted"),
    /** No local ephemeral port was free for the source address (EADDRNOTAVAIL): a limit of the generator. */
    PORTS_EXHAUSTED("local_ports_exhausted"),
    /**
     * A partly received message did not fit the run's receive budget ({@code --receive-budget}): what all connections
     * together may hold in messages not yet complete. A limit of the generator, set to keep its memory bounded.
     */
    LOCAL_RECEIVE_BUDGET("local_receive_budget"),
    /** This process ran out of memory (heap or direct) while handling the connection: a limit of the generator. */
    LOCAL_OUT_OF_MEMORY("local_out_of_memory"),
    /** A 101 that does not complete the WebSocket handshake (wrong {@code Sec-WebSocket-Accept}, no Upgrade). */
    HANDSHAKE_INVALID("handshake_invalid"),
    /** The response's status line or headers exceeded herd's limit ({@code ResponseLimits}). */
    HEADERS_TOO_LARGE("headers_too_large"),
    /** A response that is not HTTP/1.1 as written (a status line or header that does not parse). */
    HTTP_MALFORMED("http_malformed"),
    /** Chunked transfer encoding broken in a response body (a chunk size that is not hexadecimal, …). */
    HTTP_CHUNK_INVALID("http_chunk_invalid"),
    /** An SSE request answered 200 with a {@code Content-Type} other than {@code text/event-stream}. */
    SSE_CONTENT_TYPE("sse_content_type"),
    /** A WebSocket frame or message, or an SSE line or event, longer than {@code --max-message-bytes}. */
    MESSAGE_TOO_LARGE("message_too_large"),
    /** A WebSocket frame with RSV bits set that no negotiated extension defines (RFC 6455 §5.2). */
    WS_RESERVED_BITS("ws_reserved_bits"),
    /** A WebSocket frame with a reserved opcode (3-7, B-F). */
    WS_RESERVED_OPCODE("ws_reserved_opcode"),
    /** A masked frame from the server, which must not mask (RFC 6455 §5.1). */
    WS_MASKED_FRAME("ws_masked_frame"),
    /** A fragmented WebSocket control frame, or one with more than 125 bytes of payload (§5.5). */
    WS_BAD_CONTROL_FRAME("ws_bad_control_frame"),
    /** Continuation frames out of order: one outside a message, or a new message inside one (§5.4). */
    WS_BAD_FRAGMENTATION("ws_bad_fragmentation"),
    /** A frame length not in its minimal encoding, or negative (§5.2). */
    WS_BAD_LENGTH("ws_bad_length"),
    /** A close frame with an invalid status code or a one-byte body (§5.5.1, §7.4). */
    WS_BAD_CLOSE_FRAME("ws_bad_close_frame"),
    /** A text message or close reason that is not valid UTF-8 (§8.1). */
    INVALID_UTF8("invalid_utf8"),
    /**
     * The subscription was not acknowledged within the connect timeout (the protocol's subscribe phase), or a step of a
     * script protocol's handshake was not answered within its own timeout.
     */
    SUBSCRIBE_TIMEOUT("subscribe_timeout"),
    /**
     * The target refused the subscription: an error reply (SUBACK failure, STOMP ERROR, graphql error) or a close during
     * the protocol's handshake.
     */
    SUBSCRIBE_REJECTED("subscribe_rejected"),
    /**
     * The target answered with its protocol's error on an open connection (a STOMP ERROR frame, a graphql-ws error or
     * close, a Socket.IO disconnect, an MQTT DISCONNECT).
     */
    PROTOCOL_ERROR("protocol_error"),
    /** The target's heart-beats or ping answers stopped for longer than the protocol allows (STOMP, MQTT). */
    HEARTBEAT_TIMEOUT("heartbeat_timeout"),
    /** A frame of the protocol herd speaks that does not parse (a broken MQTT packet, a STOMP frame without a NUL). */
    PROTOCOL_MALFORMED("protocol_malformed"),
    /** Any other break of the protocol. */
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

    /** True for the failures of the TLS handshake ({@code tls} and {@code tls_…}). */
    public boolean isTls() {
        return this == TLS || this == TLS_UNTRUSTED || this == TLS_HOSTNAME || this == TLS_EXPIRED
                || this == TLS_TIMEOUT || this == TLS_PROTOCOL_VERSION || this == TLS_CLIENT_CERT_REFUSED;
    }

    /** True when the generator itself, not the target, caused the failure. */
    public boolean isLocalLimit() {
        return this == FD_EXHAUSTED || this == PORTS_EXHAUSTED || this == LOCAL_RECEIVE_BUDGET
                || this == LOCAL_OUT_OF_MEMORY;
    }

    public static FailureReason ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }
}
