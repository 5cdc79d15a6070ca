package dev.herd.engine.connect;

/**
 * A break of the protocol that herd's own handlers detect (an SSE event beyond the limit, a response with the wrong
 * content type, text that is not UTF-8), carrying the {@link FailureReason} it is counted under. Without a stack
 * trace: it names a fault of the target, not a place in herd.
 */
public final class ProtocolViolation extends RuntimeException {

    private final FailureReason reason;

    public ProtocolViolation(FailureReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }
}
