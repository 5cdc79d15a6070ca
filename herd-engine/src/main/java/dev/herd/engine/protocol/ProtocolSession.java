package dev.herd.engine.protocol;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.ByteBuf;

/**
 * What a protocol stage tells herd about its connection, and what it knows of it: implemented by herd's WebSocket
 * session, by a recording double in tests. Event loop only.
 */
public interface ProtocolSession {

    /** A subscriber, or one of herd's publisher connections. */
    ClientRole role();

    /** The values of this connection's frame placeholders: topic, client, run, ref, feeder columns. */
    FrameValues values();

    /**
     * The largest message the run accepts ({@code --max-message-bytes}): a frame or packet a stage keeps while it is
     * split across WebSocket messages may not grow beyond it ({@link FailureReason#MESSAGE_TOO_LARGE}).
     */
    int maxMessageBytes();

    /**
     * A new share of the run's receive budget, for one buffer the stage keeps between messages (a frame split across
     * WebSocket messages): the stage says what the buffer holds before it grows ({@link ReceiveBudget.Share#hold}; a
     * refusal is {@link FailureReason#LOCAL_RECEIVE_BUDGET}) and releases the share when the buffer is emptied and when
     * the connection ends. Ask once per buffer, not per message.
     */
    ReceiveBudget.Share receiveShare();

    /**
     * The subscription is acknowledged (a publisher: the connection may publish): the connection counts as open from
     * now on, and its subscribe phase is timed up to here.
     */
    void subscribed();

    /**
     * The target refused the subscription or the connect ({@code subscribe_rejected}): during the handshake only; the
     * connection is closed.
     */
    void rejected(String why);

    /**
     * A step of the handshake was not answered within its own timeout ({@code subscribe_timeout}), sooner than the
     * connect timeout that bounds the whole handshake: during the handshake only; the connection is closed. A session
     * that does not count it itself has it counted when the connection ends, as {@link #violated} does.
     */
    default void subscribeTimedOut(String why) {
        violated(FailureReason.SUBSCRIBE_TIMEOUT, why);
    }

    /**
     * The payload of a data message, at {@code [index, index + length)} of {@code buf}: scanned for stamps in place,
     * valid during the call only.
     */
    void deliver(ByteBuf buf, int index, int length);

    /** The target broke the protocol or ended it: the connection is closed and counted under {@code reason}. */
    void violated(FailureReason reason, String why);
}
