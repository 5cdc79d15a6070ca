package dev.herd.engine.client;

/**
 * How much of an HTTP response head herd reads before it gives up on the response ({@code headers_too_large}): as
 * generous as a browser's, so real servers with long cookies and policies pass, and small enough that a response
 * which never ends its head costs one connection a bounded buffer.
 */
public final class ResponseLimits {

    /** The longest status line, in bytes. */
    public static final int MAX_STATUS_LINE_BYTES = 8 * 1024;
    /** The most bytes of headers one response may carry. */
    public static final int MAX_HEADER_BYTES = 64 * 1024;

    private ResponseLimits() {
    }
}
