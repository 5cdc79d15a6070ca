package dev.herd.engine.protocol.socketio;

import dev.herd.engine.protocol.FrameValues;
import dev.herd.engine.protocol.Placeholders;
import io.netty.buffer.ByteBuf;

/**
 * The values of a publish frame: {@code {{payload}}}, {@code {{length}}} and {@code {{stamp}}} from the payload at
 * hand, the rest from the connection's values. One per publisher stage, pointed at each payload in turn, so a publish
 * allocates nothing for its values.
 *
 * <pre>{@code
 * values.payload(payload);
 * try { template.write(frame, values); } finally { values.payload(null); }
 * }</pre>
 */
final class PublishValues implements FrameValues {

    private static final byte TILDE = '~';

    private final FrameValues connection;
    private ByteBuf payload;

    PublishValues(FrameValues connection) {
        this.connection = connection;
    }

    /** The payload the next frame is written for (not released here); null once written. */
    void payload(ByteBuf payload) {
        this.payload = payload;
    }

    @Override
    public void write(String name, ByteBuf out) {
        switch (name) {
            case Placeholders.PAYLOAD -> out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
            case Placeholders.LENGTH -> Placeholders.writeDecimal(out, payload.readableBytes());
            case Placeholders.STAMP -> writeStamp(out);
            default -> connection.write(name, out);
        }
    }

    /** The first stamp of the payload, {@code ~h1.…~}; nothing when it holds none. */
    private void writeStamp(ByteBuf out) {
        int end = payload.writerIndex();
        int i = payload.readerIndex();
        while (i < end) {
            int tilde = payload.indexOf(i, end, TILDE);
            if (tilde < 0 || tilde + 4 > end) {
                return;
            }
            if (payload.getByte(tilde + 1) == 'h' && payload.getByte(tilde + 2) == '1'
                    && payload.getByte(tilde + 3) == '.') {
                int close = payload.indexOf(tilde + 4, end, TILDE);
                if (close < 0) {
                    return;
                }
                out.writeBytes(payload, tilde, close + 1 - tilde);
                return;
            }
            i = tilde + 1;
        }
    }
}
