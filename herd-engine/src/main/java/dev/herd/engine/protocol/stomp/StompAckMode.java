package dev.herd.engine.protocol.stomp;

import java.util.Locale;

/**
 * A subscription's {@code ack} header (<a href="https://stomp.github.io/stomp-specification-1.2.html#SUBSCRIBE_ack_Header">
 * STOMP 1.2, SUBSCRIBE ack header</a>): with {@code client} and {@code client-individual} herd sends an ACK for every
 * MESSAGE, so the broker keeps delivering.
 */
enum StompAckMode {
    AUTO("auto"),
    CLIENT("client"),
    CLIENT_INDIVIDUAL("client-individual");

    private final String header;

    StompAckMode(String header) {
        this.header = header;
    }

    /** The value of the SUBSCRIBE frame's {@code ack} header. */
    String header() {
        return header;
    }

    /** True when each MESSAGE must be acknowledged. */
    boolean acks() {
        return this != AUTO;
    }

    static StompAckMode of(String header) {
        return switch (header.toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "client" -> CLIENT;
            case "client-individual" -> CLIENT_INDIVIDUAL;
            default -> throw new IllegalArgumentException(header);
        };
    }
}
