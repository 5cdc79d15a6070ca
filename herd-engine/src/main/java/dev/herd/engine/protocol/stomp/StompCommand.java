package dev.herd.engine.protocol.stomp;

import io.netty.buffer.ByteBuf;

/**
 * The server frames herd acts on (<a href="https://stomp.github.io/stomp-specification-1.2.html#Server_Frames">STOMP
 * 1.2, Server Frames</a>); any other command is {@link #OTHER} and ignored.
 */
enum StompCommand {
    CONNECTED,
    MESSAGE,
    RECEIPT,
    ERROR,
    OTHER;

    private static final byte[] CONNECTED_BYTES = {'C', 'O', 'N', 'N', 'E', 'C', 'T', 'E', 'D'};
    private static final byte[] MESSAGE_BYTES = {'M', 'E', 'S', 'S', 'A', 'G', 'E'};
    private static final byte[] RECEIPT_BYTES = {'R', 'E', 'C', 'E', 'I', 'P', 'T'};
    private static final byte[] ERROR_BYTES = {'E', 'R', 'R', 'O', 'R'};

    /** The command whose name is {@code [index, index + length)} of {@code buf}; MESSAGE is tried first. */
    static StompCommand of(ByteBuf buf, int index, int length) {
        if (is(buf, index, length, MESSAGE_BYTES)) {
            return MESSAGE;
        }
        if (is(buf, index, length, CONNECTED_BYTES)) {
            return CONNECTED;
        }
        if (is(buf, index, length, RECEIPT_BYTES)) {
            return RECEIPT;
        }
        if (is(buf, index, length, ERROR_BYTES)) {
            return ERROR;
        }
        return OTHER;
    }

    private static boolean is(ByteBuf buf, int index, int length, byte[] name) {
        if (length != name.length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (buf.getByte(index + k) != name[k]) {
                return false;
            }
        }
        return true;
    }
}
