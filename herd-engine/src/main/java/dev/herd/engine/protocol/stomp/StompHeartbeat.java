package dev.herd.engine.protocol.stomp;

/**
 * Heart-beat negotiation as <a href="https://stomp.github.io/stomp-specification-1.2.html#Heart-beating">STOMP 1.2,
 * Heart-beating</a> says: each direction beats at the larger of what its sender can do and its receiver wants, and
 * not at all when either says 0.
 *
 * <pre>{@code
 * long clientMillis = StompHeartbeat.interval(ourCx, serverSy);   // herd sends an EOL this often
 * long serverMillis = StompHeartbeat.interval(serverSx, ourCy);   // the server promises something this often
 * }</pre>
 */
final class StompHeartbeat {

    private StompHeartbeat() {
    }

    /**
     * The negotiated interval of one direction in milliseconds, 0 for none.
     *
     * @param senderMillis what the sending side says it can do (its first heart-beat number)
     * @param receiverMillis what the receiving side wants (its second heart-beat number)
     */
    static long interval(long senderMillis, long receiverMillis) {
        return senderMillis == 0 || receiverMillis == 0 ? 0 : Math.max(senderMillis, receiverMillis);
    }
}
