package dev.herd.engine.connect;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
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
 * Maps the exceptions Netty reports (NIO and native epoll word them differently) to a {@link FailureReason}.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static FailureReason classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            FailureReason reason = classifyOne(t);
            if (reason != null) {
                return reason;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return FailureReason.OTHER;
    }

    private static FailureReason classifyOne(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
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
        if (t instanceof SSLException || t instanceof NotSslRecordException) {
            return FailureReason.TLS;
        }
        if (t instanceof WebSocketHandshakeException || t instanceof DecoderException) {
            return FailureReason.PROTOCOL;
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
}
