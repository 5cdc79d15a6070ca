package dev.herd.target.broker;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;

/**
 * One message encoded once for the whole topic: the complete WebSocket server frame and the complete SSE
 * HTTP chunk. Each event loop that delivers it holds one reference; releasing the last one releases both
 * buffers.
 */
final class EncodedMessage extends AbstractReferenceCounted {

    private final long seq;
    private final ByteBuf wsFrame;
    private final ByteBuf sseChunk;
    private final Subscriber origin;

    /** Takes ownership of one reference to each buffer; {@code wsFrame} is null when no WebSocket subscriber wants it. */
    EncodedMessage(long seq, ByteBuf wsFrame, ByteBuf sseChunk, Subscriber origin) {
        this.seq = seq;
        this.wsFrame = wsFrame;
        this.sseChunk = sseChunk;
        this.origin = origin;
    }

    long seq() {
        return seq;
    }

    ByteBuf wsFrame() {
        return wsFrame;
    }

    ByteBuf sseChunk() {
        return sseChunk;
    }

    Subscriber origin() {
        return origin;
    }

    @Override
    protected void deallocate() {
        if (wsFrame != null) {
            wsFrame.release();
        }
        sseChunk.release();
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        if (wsFrame != null) {
            wsFrame.touch(hint);
        }
        sseChunk.touch(hint);
        return this;
    }
}
