package dev.herd.broker.pubsub;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;

/**
 * One message encoded once for the whole topic: the complete WebSocket server frame, the same compressed for
 * permessage-deflate subscribers, and the complete SSE HTTP chunk. Each event loop that delivers it holds one
 * reference; releasing the last one releases every buffer.
 */
final class EncodedMessage extends AbstractReferenceCounted {

    private final long seq;
    private final ByteBuf wsFrame;
    private final ByteBuf wsDeflateFrame;
    private final ByteBuf sseChunk;
    private final Subscriber origin;

    /**
     * Takes ownership of one reference to each buffer; a WebSocket frame is null when no subscriber of the topic
     * wants it in that form.
     */
    EncodedMessage(long seq, ByteBuf wsFrame, ByteBuf wsDeflateFrame, ByteBuf sseChunk, Subscriber origin) {
        this.seq = seq;
        this.wsFrame = wsFrame;
        this.wsDeflateFrame = wsDeflateFrame;
        this.sseChunk = sseChunk;
        this.origin = origin;
    }

    long seq() {
        return seq;
    }

    ByteBuf wsFrame() {
        return wsFrame;
    }

    /** The frame for permessage-deflate subscribers, or null. */
    ByteBuf wsDeflateFrame() {
        return wsDeflateFrame;
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
        if (wsDeflateFrame != null) {
            wsDeflateFrame.release();
        }
        sseChunk.release();
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        if (wsFrame != null) {
            wsFrame.touch(hint);
        }
        if (wsDeflateFrame != null) {
            wsDeflateFrame.touch(hint);
        }
        sseChunk.touch(hint);
        return this;
    }
}
