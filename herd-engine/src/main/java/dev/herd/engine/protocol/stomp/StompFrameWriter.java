package dev.herd.engine.protocol.stomp;

import dev.herd.engine.protocol.FrameTemplate;
import dev.herd.engine.protocol.FrameValues;
import dev.herd.engine.protocol.Placeholders;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The client frames herd sends (<a href="https://stomp.github.io/stomp-specification-1.2.html#Client_Frames">STOMP
 * 1.2, Client Frames</a>): CONNECT and SUBSCRIBE are templates made once per run and written per connection, ACK and
 * SEND are written straight into the outgoing buffer.
 *
 * <pre>{@code
 * FrameTemplate connect = StompFrameWriter.connect("/", "{{user}}", "{{token}}", 10_000);
 * FrameTemplate subscribe = StompFrameWriter.subscribe("/topic/{{topic}}", StompAckMode.AUTO);
 * StompFrameWriter.writeSend(out, StompFrameWriter.sendHead("/topic/{{topic}}"), values, payload);
 * }</pre>
 *
 * <p>CONNECT is not escaped (STOMP 1.2 says so, for 1.0 servers); herd's other header values are its own and need no
 * escaping, or are echoed back from the server as it escaped them.
 */
final class StompFrameWriter {

    /** The one subscription of a connection. */
    static final String SUBSCRIPTION_ID = "0";
    /** The receipt asked for with SUBSCRIBE: the subscription is acknowledged when it comes back. */
    static final String SUBSCRIBE_RECEIPT = "sub-0";

    private static final byte[] ACK_V12 = ascii("ACK\nid:");
    private static final byte[] ACK_V10 = ascii("ACK\nmessage-id:");
    private static final byte[] ACK_V10_END = ascii("\nsubscription:" + SUBSCRIPTION_ID + "\n\n\0");
    private static final byte[] ACK_V12_END = ascii("\n\n\0");
    private static final byte[] SEND_HEADERS_END = ascii("\n\n");
    /** The bytes of an ACK besides the id it echoes. */
    static final int ACK_BYTES = ACK_V10.length + ACK_V10_END.length;

    private StompFrameWriter() {
    }

    /**
     * CONNECT offering every version, with {@code login} and {@code passcode} when not null; their values and the host's
     * are templates, filled per connection.
     */
    static FrameTemplate connect(String host, String login, String passcode, long heartbeatMillis) {
        StringBuilder frame = new StringBuilder("CONNECT\naccept-version:1.0,1.1,1.2\nhost:").append(host).append('\n');
        if (login != null) {
            frame.append("login:").append(login).append('\n');
        }
        if (passcode != null) {
            frame.append("passcode:").append(passcode).append('\n');
        }
        frame.append("heart-beat:").append(heartbeatMillis).append(',').append(heartbeatMillis).append("\n\n\0");
        return FrameTemplate.parse(frame.toString());
    }

    /** SUBSCRIBE to {@code destination} (a template), asking for a receipt. */
    static FrameTemplate subscribe(String destination, StompAckMode ack) {
        return FrameTemplate.parse("SUBSCRIBE\nid:" + SUBSCRIPTION_ID + "\ndestination:" + destination + "\nack:"
                + ack.header() + "\nreceipt:" + SUBSCRIBE_RECEIPT + "\n\n\0");
    }

    /** SEND's command and headers up to the value of {@code content-length}, which follows per message. */
    static FrameTemplate sendHead(String destination) {
        return FrameTemplate.parse("SEND\ndestination:" + destination
                + "\ncontent-type:text/plain\ncontent-length:");
    }

    /** Writes a SEND frame: {@code head}, the payload's length, the payload (not released here) and the NUL. */
    static void writeSend(ByteBuf out, FrameTemplate head, FrameValues values, ByteBuf payload) {
        int length = payload.readableBytes();
        head.write(out, values);
        Placeholders.writeDecimal(out, length);
        out.writeBytes(SEND_HEADERS_END);
        out.writeBytes(payload, payload.readerIndex(), length);
        out.writeByte(0);
    }

    /**
     * Writes the ACK of one MESSAGE: by {@code id} (STOMP 1.2, the MESSAGE's {@code ack} header) or by
     * {@code message-id} and {@code subscription} (1.0, 1.1), the value copied from {@code [index, index + length)}.
     */
    static void writeAck(ByteBuf out, boolean v12, ByteBuf src, int index, int length) {
        out.writeBytes(v12 ? ACK_V12 : ACK_V10);
        out.writeBytes(src, index, length);
        out.writeBytes(v12 ? ACK_V12_END : ACK_V10_END);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
