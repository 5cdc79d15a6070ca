package dev.herd.engine.connect;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Maps the exceptions Netty reports (NIO and native epoll word them differently) to a {@link FailureReason}. Netty's
 * WebSocket decoder says which rule a frame broke only in its message, so those are told apart by their words
 * ({@code MisbehavingServerTest} holds each to its reason).
 */
public final class FailureClassifier {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FailureClassifier.class);
    private static final java.util.concurrent.atomic.AtomicBoolean UNRECOGNISED_LOGGED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private FailureClassifier() {
    }

    /** An error herd cannot name is counted as {@code other}; the first of them is logged, so it can be named. */
    public static void logUnrecognised(Throwable error, String where) {
        if (classify(error) == FailureReason.OTHER && UNRECOGNISED_LOGGED.compareAndSet(false, true)) {
            LOG.warn("{} ended in an error herd does not recognise (counted as other): {}", where, error.toString());
        }
    }

    public static FailureReason classify(Throwable error) {
        // A decoder's error says "protocol" unless what it wraps says more.
        FailureReason fallback = FailureReason.OTHER;
        for (Throwable t = error; t != null; t = t.getCause()) {
            FailureReason reason = classifyOne(t);
            if (reason != null) {
                return reason;
            }
            if (t instanceof DecoderException) {
                fallback = FailureReason.PROTOCOL;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return fallback;
    }

    private static FailureReason classifyOne(Throwable t) {
        if (t instanceof ProtocolViolation violation) {
            return violation.reason();
        }
        if (t instanceof OutOfMemoryError) {
            return FailureReason.LOCAL_OUT_OF_MEMORY;
        }
        if (t instanceof SSLException || t instanceof NotSslRecordException || t instanceof CertificateRejected) {
            return TlsFailures.reason(t);
        }
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (t instanceof CorruptedWebSocketFrameException frame) {
            return frameViolation(frame, message);
        }
        if (t instanceof TooLongHttpLineException || t instanceof TooLongHttpHeaderException) {
            return FailureReason.HEADERS_TOO_LARGE;
        }
        if (t instanceof TooLongFrameException) {
            return FailureReason.MESSAGE_TOO_LARGE; // the WebSocket aggregator's limit, or a frame beyond 2 GiB
        }
        if (t instanceof WebSocketHandshakeException) {
            return FailureReason.HANDSHAKE_INVALID;
        }
        if (message.contains("too many open files") || message.contains("file table overflow")) {
            return FailureReason.FD_EXHAUSTED;
        }
        if (message.contains("cannot assign requested address") || message.contains("address not available")) {
            return FailureReason.PORTS_EXHAUSTED;
        }
        if (t instanceof ConnectTimeoutException || message.contains("timed out")) {
            return FailureReason.TIMEOUT;
        }
        if (message.contains("connection refused")) {
            return FailureReason.REFUSED;
        }
        if (message.contains("connection reset") || message.contains("broken pipe")) {
            return FailureReason.RESET;
        }
        if (t instanceof UnknownHostException) {
            return FailureReason.DNS;
        }
        if (t instanceof ClosedChannelException) {
            return FailureReason.CLOSED;
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return FailureReason.REFUSED;
        }
        if (t instanceof IOException && message.isEmpty()) {
            return FailureReason.RESET;
        }
        return null;
    }

    private static FailureReason frameViolation(CorruptedWebSocketFrameException e, String message) {
        if (e.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG) {
            return FailureReason.MESSAGE_TOO_LARGE;
        }
        if (message.contains("utf-8")) {
            return FailureReason.INVALID_UTF8;
        }
        if (message.contains("rsv")) {
            return FailureReason.WS_RESERVED_BITS;
        }
        if (message.contains("reserved opcode")) {
            return FailureReason.WS_RESERVED_OPCODE;
        }
        if (message.contains("masked")) {
            return FailureReason.WS_MASKED_FRAME;
        }
        if (message.contains("close")) {
            return FailureReason.WS_BAD_CLOSE_FRAME;
        }
        if (message.contains("control frame")) {
            return FailureReason.WS_BAD_CONTROL_FRAME;
        }
        if (message.contains("continuation")) {
            return FailureReason.WS_BAD_FRAGMENTATION;
        }
        if (message.contains("frame length")) {
            return FailureReason.WS_BAD_LENGTH;
        }
        return FailureReason.PROTOCOL;
    }
}
